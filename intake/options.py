"""Settings of the page reader: explicit arguments, never read from the environment inside intake.

The service builds its options from its settings (``semak.config.Settings.read_options``, with
the upload limit); ``ReadOptions.from_env()`` is for the standalone tools (``python -m
verifier``, bench), the one place in intake that reads ``os.environ``. This module imports
nothing heavy, so the web process can use it for upload checks.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, Literal

EngineName = Literal["auto", "tesserocr", "child"]

TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
)

# comb boxes: the hand-written digits recogniser asked where Tesseract is unsure
# (bench/RESULTS.md, "Hand-filled digits: a recogniser trained on load_digits"). Ungated, on
# the golden set it cost one IC (195 of 210, ratchet 196): a filled-in wrong digit passes the
# checksum-free MyKad rules where a "?" made the comb value fail them. Now a filled-in digit
# is kept only when sure or when another reading agrees (intake.combhand.agreed,
# intake.handagree, #21): on, as nothing measured regressed (bench/RESULTS.md).
HAND_DIGITS = True
# the gated recogniser reads differently from the ungated one that older caches hold
HAND_GATE = "sure-or-agreed"

# the options that change what a page reads as (the rest are limits and places)
READING_KEYS = frozenset(
    (
        "langs",
        "dpi",
        "native_dpi",
        "decode_images",
        "psm",
        "orientation",
        "deskew",
        "rescale",
        "perspective",
        "hand_digits",
    )
)


@dataclass(frozen=True)
class ReadOptions:
    """How pages are read. Defaults are the measured choices (bench/RESULTS.md, "OCR")."""

    langs: str = "eng"  # Tesseract languages, "eng", "msa" or "eng+msa"
    engine: EngineName = "auto"  # auto: tesserocr in process; child: in a child per page
    page_timeout: float = 60.0  # seconds of OCR per page before the page is given up
    max_bytes: int = 50 * 1024 * 1024
    max_pages: int = 200
    max_pixels: int = 120_000_000  # per page, decoded (decompression bombs)
    cache_dir: Path | None = None  # None: an in-memory cache for the process
    dpi: int = 300  # rendering resolution of PDF pages that are read as scans (the most)
    native_dpi: bool = True  # a page that is one scanned image: render it at the image's own
    # ... or decode that image instead, where it is the page (#24): 3-17 ms against 30-56 ms a
    # held-out A4 page, but its pixels differ from the render's and two held-out dates of 50
    # were lost (bench/RESULTS.md), so accuracy decides: off unless asked for
    decode_images: bool = False
    psm: int | None = None  # None: chosen per page kind (page 3, card 11, receipt 4)
    orientation: bool = True  # detect and undo 90/180/270 rotation
    deskew: bool = True
    rescale: bool = True  # bring text to Tesseract's best size (upscale faxes, shrink photos)
    perspective: bool = True  # straighten phone photos of a page or card
    hand_digits: bool = HAND_DIGITS  # comb boxes Tesseract is unsure of: intake.handdigits
    tessdata: str | None = None  # None: the first of TESSDATA_DIRS that exists

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ReadOptions:
        """OCR_LANGS, OCR_ENGINE, OCR_PAGE_TIMEOUT, SEMAK_CACHE_DIR, OCR_HAND_DIGITS (1 or 0),
        then the defaults."""
        env = os.environ if environ is None else environ
        opts = cls()
        if env.get("OCR_LANGS"):
            opts = replace(opts, langs=env["OCR_LANGS"])
        if env.get("OCR_ENGINE"):
            engine = env["OCR_ENGINE"]
            if engine not in ("auto", "tesserocr", "child"):
                raise ValueError(f"OCR_ENGINE must be auto, tesserocr or child, not {engine}")
            opts = replace(opts, engine=engine)  # type: ignore[arg-type]
        if env.get("OCR_PAGE_TIMEOUT"):
            opts = replace(opts, page_timeout=float(env["OCR_PAGE_TIMEOUT"]))
        if env.get("OCR_HAND_DIGITS"):
            flag = env["OCR_HAND_DIGITS"]
            if flag not in ("0", "1"):
                raise ValueError(f"OCR_HAND_DIGITS must be 1 or 0, not {flag}")
            opts = replace(opts, hand_digits=flag == "1")
        if env.get("SEMAK_CACHE_DIR"):
            opts = replace(opts, cache_dir=Path(env["SEMAK_CACHE_DIR"]))
        return opts

    def tessdata_dir(self) -> str | None:
        if self.tessdata:
            return self.tessdata
        return next((d for d in TESSDATA_DIRS if Path(d, "eng.traineddata").exists()), None)

    def fingerprint(self) -> dict[str, Any]:
        """What changes a page's reading: part of the cache key (the recogniser's gate named
        when it is on, so pages read ungated are not taken for gated ones; off, keys stay)."""
        out = {k: v for k, v in asdict(self).items() if k in READING_KEYS}
        if self.hand_digits:
            out["hand_digits"] = HAND_GATE
        return out
