"""The instant check at upload, before anything is queued: type, size, and photo quality.

Cheap on purpose (PIL + numpy on a downscaled copy, no OpenCV in the web process):

- type by magic bytes, as intake reads them (``intake.files.media_type_of``): PDF, JPEG, PNG,
  TIFF and HEIC;
- size: at most ``max_bytes``; an empty file is refused (the claim's total and its number of
  files are checked by ``semak.web.uploads``);
- pages: at most ``max_pages``, by ``intake.files.count_pages`` (bounded: a TIFF of 50,000
  frames costs what one of ``max_pages + 1`` does; a PDF's count is the page tree's);
- images only: too small (shorter side under ``min_side`` px), too dark (mean grey under
  ``min_brightness``), blank (almost no contrast), blurred (variance of the Laplacian under
  ``min_sharpness`` on a copy scaled to ``ANALYSIS_SIDE`` px on its longer side).

The image is never decoded at full size past a bound, and the bound is read from the header
before any decoding: a JPEG (header up to ``max_pixels``, the reader's limit) is decoded at
a reduced scale (PIL ``draft``: 1/2, 1/4 or 1/8); a PNG or TIFF, which has no reduced decode,
is refused as too large past ``max_decode_pixels`` (a 600-dpi A4 page passes). So one upload
costs the web process at most one bounded decode.

PDFs are checked for type and size only; intake reads them properly in the worker.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import numpy as np
from flask_babel import lazy_gettext as _l
from PIL import Image, UnidentifiedImageError

from intake.files import EXTENSIONS, media_type_of, register_heif
from intake.options import ReadOptions
from semak.config import Settings

ANALYSIS_SIDE = 1000

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What one upload may be. The sizes and counts are the service's settings
    (:meth:`of`; the defaults are ``Settings``' defaults), the pages and pixels the reader's."""

    max_bytes: int = Settings.max_upload_bytes  # one file
    max_pages: int = ReadOptions.max_pages  # one file
    max_claim_bytes: int = Settings.max_claim_bytes  # all the files of a claim together
    max_files: int = Settings.max_files  # files on one claim
    min_side: int = 500
    min_brightness: float = 50.0
    min_contrast: float = 6.0
    min_sharpness: float = 60.0
    max_pixels: int = ReadOptions.max_pixels  # any image, from its header
    max_decode_pixels: int = 40_000_000  # PNG/TIFF (decoded whole): 600-dpi A4 is 34.8 Mpx

    @classmethod
    def of(cls, settings: Settings) -> Limits:
        """The limits these settings set: the same the API applies (``semak.claims``) and the
        worker reads with (``Settings.read_options``)."""
        reading = settings.read_options()
        return cls(
            max_bytes=reading.max_bytes,
            max_pages=reading.max_pages,
            max_claim_bytes=settings.max_claim_bytes,
            max_files=settings.max_files,
            max_pixels=reading.max_pixels,
        )


@dataclass
class QualityResult:
    ok: bool
    media_type: str | None = None
    code: str | None = None  # unsupported_type, empty, too_large, unreadable, tiny, dark, ...
    metrics: dict[str, float] = field(default_factory=dict)
    params: dict[str, int | str] = field(default_factory=dict)  # what the message names

    @property
    def message(self) -> str:
        if not self.code:
            return ""
        text = str(MESSAGES.get(self.code, ""))
        return text % self.params if self.params else text


MESSAGES = {
    "unsupported_type": _l("This file is not a PDF, JPEG, PNG, TIFF or HEIC."),
    "empty": _l("This file is empty."),
    "too_large": _l(
        "This file is %(size)s; the limit is %(limit)s per file. "
        "Scan at a lower resolution or split it."
    ),
    "too_many_pixels": _l("This image is too large to open. Scan at a lower resolution."),
    "claim_too_large": _l(
        "With this file the claim's files come to %(size)s; the limit is %(limit)s per claim. "
        "Send it with fewer or smaller files."
    ),
    "too_many_files": _l("A claim holds at most %(limit)d files."),
    "unreadable": _l("This image cannot be opened. It may be damaged."),
    "too_many_pages": _l(
        "This file has more than %(limit)d pages; the limit is %(limit)d pages per file. "
        "Split it into smaller files."
    ),
    "malformed": _l("This file is damaged: its pages cannot be found. Scan or export it again."),
    "tiny": _l("This photo is too small to read. Take it closer, filling the frame with the page."),
    "dark": _l("This photo is too dark. Take it again in better light."),
    "blank": _l("This page looks blank."),
    "blurred": _l("This photo is blurred. Hold the phone steady and take it again."),
}


def megabytes(n: int) -> str:
    """``n`` bytes as people read it: "20 MB", "0.3 MB"."""
    value = round(n / MB, 1)
    return f"{value:g} MB"


def accept_attribute() -> str:
    """The file picker's ``accept``: every extension and media type intake reads."""
    exts = [e for media_type in EXTENSIONS for e in EXTENSIONS[media_type]]
    return ",".join([*exts, *EXTENSIONS])


def laplacian_variance(grey: np.ndarray) -> float:
    """Variance of the 4-neighbour Laplacian of a 2-D float array."""
    if grey.shape[0] < 3 or grey.shape[1] < 3:
        return 0.0
    lap = grey[:-2, 1:-1] + grey[2:, 1:-1] + grey[1:-1, :-2] + grey[1:-1, 2:] - 4 * grey[1:-1, 1:-1]
    return float(lap.var())


def check_upload(data: bytes, limits: Limits | None = None) -> QualityResult:
    limits = limits or Limits()
    if not data:
        return QualityResult(False, code="empty")
    media_type = media_type_of(data[:1024])
    if media_type is None:
        return QualityResult(False, code="unsupported_type")
    if len(data) > limits.max_bytes:
        params: dict[str, int | str] = {
            "size": megabytes(len(data)),
            "limit": megabytes(limits.max_bytes),
        }
        return QualityResult(False, media_type, code="too_large", params=params)
    refused = _check_pages(data, media_type, limits)
    if refused is not None:
        return refused
    if media_type == "application/pdf":
        return QualityResult(True, media_type)
    return _check_image(data, media_type, limits)


def _check_pages(data: bytes, media_type: str, limits: Limits) -> QualityResult | None:
    """A refusal when the file holds more than ``limits.max_pages`` pages (a bounded count)."""
    from intake.errors import MalformedFile, SemakError
    from intake.files import count_pages

    try:
        pages = count_pages(data, limits.max_pages, media_type)
    except MalformedFile:
        return QualityResult(False, media_type, code="malformed")
    except SemakError:  # a damaged PDF: intake gives the precise reason when it is stored
        return None
    if pages > limits.max_pages:
        return QualityResult(
            False, media_type, code="too_many_pages", params={"limit": limits.max_pages}
        )
    return None


def _check_image(data: bytes, media_type: str, limits: Limits) -> QualityResult:
    if media_type == "image/heic" and not register_heif():
        return QualityResult(False, media_type, code="unsupported_type")
    try:
        with Image.open(io.BytesIO(data)) as img:  # the header only: nothing decoded yet
            width, height = img.size
            if width * height > _pixel_bound(media_type, limits):
                return QualityResult(False, media_type, code="too_many_pixels")
            img.draft("L", (ANALYSIS_SIDE, ANALYSIS_SIDE))  # JPEG: decode at a reduced scale
            grey_img = img.convert("L")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return QualityResult(False, media_type, code="unreadable")
    metrics: dict[str, float] = {"width": width, "height": height}
    if min(width, height) < limits.min_side:
        return QualityResult(False, media_type, code="tiny", metrics=metrics)
    grey_img.thumbnail((ANALYSIS_SIDE, ANALYSIS_SIDE))
    grey = np.asarray(grey_img, dtype=np.float32)
    metrics["brightness"] = round(float(grey.mean()), 1)
    metrics["contrast"] = round(float(grey.std()), 1)
    metrics["sharpness"] = round(laplacian_variance(grey), 1)
    if metrics["brightness"] < limits.min_brightness:
        return QualityResult(False, media_type, code="dark", metrics=metrics)
    if metrics["contrast"] < limits.min_contrast:
        return QualityResult(False, media_type, code="blank", metrics=metrics)
    if metrics["sharpness"] < limits.min_sharpness:
        return QualityResult(False, media_type, code="blurred", metrics=metrics)
    return QualityResult(True, media_type, metrics=metrics)


def _pixel_bound(media_type: str, limits: Limits) -> int:
    """The most pixels a header may declare: JPEGs are decoded reduced, the rest whole."""
    if media_type == "image/jpeg":
        return limits.max_pixels
    return min(limits.max_pixels, limits.max_decode_pixels)
