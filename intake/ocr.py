"""OCR behind a small engine protocol: one recognition per page -> words, lines, boxes, confidences.

Two Tesseract engines pass the same tests:

- ``TesserocrEngine`` (in process, the model stays loaded; the default where tesserocr is
  installed: 0.66x the time of the CLI per page, see bench/RESULTS.md);
- ``PytesseractEngine`` (the ``tesseract`` CLI per page; the page goes over as an uncompressed
  PGM file, never PNG, which cost up to 15 s on a scanned page).

Images are 8-bit greyscale numpy arrays. Tesseract binarises for itself (Otsu/Sauvola inside
is better than ours: adaptive thresholding before it raised the error rate 0.2% -> 10-18%).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

import numpy as np

from intake.errors import OcrFailed, OcrTimeout
from intake.options import ReadOptions

BBox = tuple[float, float, float, float]


@dataclass
class OcrWord:
    text: str
    bbox: BBox  # x0, y0, x1, y1 in the recognised image's pixels
    confidence: float  # 0..1
    block: int = 0
    line: int = 0  # running line number on the page, reading order
    origin: str = ""  # "" read by the page's OCR; "comb" read box by box (intake.comb)


@dataclass
class OcrResult:
    words: list[OcrWord] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Words joined by spaces, lines by newlines, blocks by blank lines."""
        out: list[str] = []
        prev: OcrWord | None = None
        for w in self.words:
            if prev is not None:
                if w.block != prev.block:
                    out.append("\n\n")
                elif w.line != prev.line:
                    out.append("\n")
                else:
                    out.append(" ")
            out.append(w.text)
            prev = w
        return "".join(out)

    @property
    def mean_confidence(self) -> float:
        """Confidence per character: a long word counts more than a stray mark."""
        total = sum(len(w.text) for w in self.words)
        if total == 0:
            return 0.0
        return sum(w.confidence * len(w.text) for w in self.words) / total


@dataclass
class Orientation:
    rotate_cw: int  # degrees clockwise that make the page upright: 0, 90, 180, 270
    confidence: float  # Tesseract's OSD confidence (above ~2 is sure)


# how each engine runs Tesseract, for the stamp on the pages it reads
MODES = {"tesserocr": "in-process", "pytesseract": "cli"}


class OcrEngine(Protocol):
    name: str

    def version(self) -> str: ...

    def recognize(self, image: np.ndarray, *, langs: str, psm: int, timeout: float) -> OcrResult:
        """Read one greyscale page; raises OcrTimeout or OcrFailed."""
        ...

    def orientation(self, image: np.ndarray) -> Orientation | None:
        """Tesseract's orientation and script detection; None when it finds too little text."""
        ...


def stamp(engine: OcrEngine) -> str:
    """Name, version and mode of the engine, e.g. "tesseract 5.3.0 (in-process)"."""
    return f"{engine.version()} ({MODES.get(engine.name, engine.name)})"


def parse_tsv(tsv: str) -> OcrResult:
    """Tesseract's TSV (level, page, block, par, line, word, left, top, w, h, conf, text)."""
    words: list[OcrWord] = []
    line_no = -1
    last_key: tuple[int, int, int] | None = None
    for row in tsv.splitlines():
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        text = cols[11].strip()
        if not text:
            continue
        block, par, line = int(cols[2]), int(cols[3]), int(cols[4])
        if (block, par, line) != last_key:
            line_no += 1
            last_key = (block, par, line)
        x, y, w, h = (int(c) for c in cols[6:10])
        conf = max(0.0, float(cols[10])) / 100.0
        words.append(OcrWord(text, (x, y, x + w, y + h), conf, block, line_no))
    return OcrResult(words)


def osd_rotation(orient_deg: int) -> int:
    """Tesseract reports the counter-clockwise turn that makes the page upright."""
    return (360 - int(orient_deg)) % 360


class TesserocrEngine:
    """Tesseract in process through tesserocr; one loaded model per (langs, psm)."""

    name = "tesserocr"

    def __init__(self, tessdata: str | None = None) -> None:
        import tesserocr

        self._tesserocr = tesserocr
        self._tessdata = tessdata or ReadOptions().tessdata_dir() or ""
        self._apis: dict[tuple[str, int], object] = {}

    def version(self) -> str:
        """The libtesseract tesserocr runs (built against Debian's: the CLI's version)."""
        return "tesseract " + self._tesserocr.tesseract_version().split()[1]

    def _api(self, langs: str, psm: int) -> object:
        key = (langs, psm)
        if key not in self._apis:
            api = self._tesserocr.PyTessBaseAPI(path=self._tessdata, lang=langs, psm=psm, init=True)
            self._apis[key] = api
        return self._apis[key]

    def warm(self, langs: str, psms: tuple[int, ...]) -> None:
        """Load the models now (a worker does, before it forks the processes that read)."""
        for psm in psms:
            self._api(langs, psm)
        self._api("osd", int(self._tesserocr.PSM.OSD_ONLY))

    @staticmethod
    def _set(api: object, image: np.ndarray) -> None:
        img = np.ascontiguousarray(image, dtype=np.uint8)
        h, w = img.shape[:2]
        api.SetImageBytes(img.tobytes(), w, h, 1, w)  # type: ignore[attr-defined]
        api.SetSourceResolution(300)  # type: ignore[attr-defined]

    def recognize(self, image: np.ndarray, *, langs: str, psm: int, timeout: float) -> OcrResult:
        api = self._api(langs, psm)
        self._set(api, image)
        try:
            done = api.Recognize(timeout=int(timeout * 1000))  # type: ignore[attr-defined]
        except RuntimeError as exc:
            raise OcrFailed(f"Tesseract failed on the page: {exc}") from exc
        if not done:
            raise OcrTimeout(f"Reading the page took longer than {timeout:.0f} s.")
        return parse_tsv(api.GetTSVText(0))  # type: ignore[attr-defined]

    def read_chars(
        self, image: np.ndarray, *, chars: str, langs: str, psm: int, timeout: float
    ) -> OcrResult:
        """As recognize, with only ``chars`` allowed (comb boxes: digits)."""
        key = (f"{langs}:{chars}", psm)
        if key not in self._apis:
            self._apis[key] = self._whitelisted(langs, psm, chars)
        api = self._apis[key]
        self._set(api, image)
        if not api.Recognize(timeout=int(timeout * 1000)):  # type: ignore[attr-defined]
            raise OcrTimeout(f"Reading the page took longer than {timeout:.0f} s.")
        return parse_tsv(api.GetTSVText(0))  # type: ignore[attr-defined]

    def _whitelisted(self, langs: str, psm: int, chars: str) -> object:
        api = self._tesserocr.PyTessBaseAPI(path=self._tessdata, lang=langs, psm=psm, init=True)
        api.SetVariable("tessedit_char_whitelist", chars)
        return api

    def orientation(self, image: np.ndarray) -> Orientation | None:
        api = self._api("osd", int(self._tesserocr.PSM.OSD_ONLY))
        self._set(api, image)
        try:
            found = api.DetectOrientationScript()  # type: ignore[attr-defined]
        except RuntimeError:
            return None
        if not found:
            return None
        return Orientation(osd_rotation(found["orient_deg"]), float(found["orient_conf"]))


class PytesseractEngine:
    """The ``tesseract`` CLI through pytesseract, one process per call."""

    name = "pytesseract"

    def __init__(self, tessdata: str | None = None) -> None:
        import pytesseract

        self._pt = pytesseract
        self._tessdata = tessdata

    def version(self) -> str:
        return f"tesseract {self._pt.get_tesseract_version()}"

    def _run(self, image: np.ndarray, timeout: float, call: str, config: str) -> str:
        import cv2

        fd, path = tempfile.mkstemp(suffix=".pgm", prefix="semak_")
        os.close(fd)
        try:
            cv2.imwrite(path, image)  # uncompressed: PNG encoding costs seconds per page
            fn = getattr(self._pt, call)
            return str(fn(path, config=config, timeout=timeout))
        except self._pt.TesseractError as exc:  # a RuntimeError too: it must come first
            raise OcrFailed(f"Tesseract failed on the page: {exc.message}") from exc
        except RuntimeError as exc:  # pytesseract raises RuntimeError on its timeout
            raise OcrTimeout(f"Reading the page took longer than {timeout:.0f} s.") from exc
        finally:
            os.unlink(path)

    def _config(self, extra: str) -> str:
        data = f' --tessdata-dir "{self._tessdata}"' if self._tessdata else ""
        return extra + data

    def recognize(self, image: np.ndarray, *, langs: str, psm: int, timeout: float) -> OcrResult:
        cfg = self._config(f"-l {langs} --psm {psm} --dpi 300")
        return parse_tsv(self._run(image, timeout, "image_to_data", cfg))

    def read_chars(
        self, image: np.ndarray, *, chars: str, langs: str, psm: int, timeout: float
    ) -> OcrResult:
        """As recognize, with only ``chars`` allowed (comb boxes: digits)."""
        cfg = self._config(f"-l {langs} --psm {psm} --dpi 300 -c tessedit_char_whitelist={chars}")
        return parse_tsv(self._run(image, timeout, "image_to_data", cfg))

    def orientation(self, image: np.ndarray) -> Orientation | None:
        try:
            out = self._run(image, 30.0, "image_to_osd", self._config("--psm 0 --dpi 300"))
        except OcrFailed:
            return None
        fields = dict(line.split(":", 1) for line in out.splitlines() if ":" in line)
        try:
            deg = int(fields["Orientation in degrees"].strip())
            conf = float(fields["Orientation confidence"].strip())
        except (KeyError, ValueError):
            return None
        return Orientation(osd_rotation(deg), conf)


@lru_cache(maxsize=4)
def get_engine(name: str = "auto", tessdata: str | None = None) -> OcrEngine:
    """The named engine, kept for the process (the worker preloads it)."""
    if name in ("auto", "tesserocr"):
        try:
            return TesserocrEngine(tessdata)
        except ImportError:
            if name == "tesserocr":
                raise
    return PytesseractEngine(tessdata)
