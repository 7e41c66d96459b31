"""OCR behind a small engine protocol: one recognition per page -> words, lines, boxes, confidences.

One Tesseract, the libtesseract of the tesserocr wheel, run two ways that pass the same tests
and read a page into the same words, boxes and confidences:

- ``TesserocrEngine`` (in process, the model stays loaded; the default: 0.66x the time of the
  CLI per page, see bench/RESULTS.md);
- ``ChildEngine`` (the same library in a child Python process per call, ``intake.ocr_child``:
  the page goes over as raw pixels on its stdin; a crash or a hang costs the child alone, so the
  retry after a dead work horse reads with it).

Images are 8-bit greyscale numpy arrays. Tesseract binarises for itself (Otsu/Sauvola inside
is better than ours: adaptive thresholding before it raised the error rate 0.2% -> 10-18%).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

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
MODES = {"tesserocr": "in-process", "child": "child process"}


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
    """Name, version and mode of the engine, e.g. "tesseract 5.5.4 (in-process)"."""
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
    """Tesseract in process through tesserocr; one loaded model per language set (and one
    per whitelist), its page segmentation set for each call: loading a model costs 0.11-0.12 s
    of CPU and its memory, one per psm cost a claim reading a comb form five loads (#24)."""

    name = "tesserocr"

    def __init__(self, tessdata: str | None = None) -> None:
        import tesserocr

        self._tesserocr = tesserocr
        self._tessdata = tessdata or ReadOptions().tessdata_dir() or ""
        self._apis: dict[str, object] = {}

    def version(self) -> str:
        """The libtesseract tesserocr runs (the wheel's own)."""
        return "tesseract " + self._tesserocr.tesseract_version().split()[1]

    def _api(self, langs: str, psm: int, chars: str = "") -> object:
        """The loaded model of ``langs`` (only ``chars`` allowed, if given), set to ``psm``."""
        key = f"{langs}:{chars}" if chars else langs
        if key not in self._apis:
            api = self._tesserocr.PyTessBaseAPI(path=self._tessdata, lang=langs, psm=psm, init=True)
            if chars:
                api.SetVariable("tessedit_char_whitelist", chars)
            self._apis[key] = api
        api = self._apis[key]
        api.SetPageSegMode(psm)  # type: ignore[attr-defined]
        return api

    def warm(self, langs: str, psms: tuple[int, ...], whitelists: tuple[str, ...] = ()) -> None:
        """Load the models now (a worker does, before it forks the processes that read)."""
        for psm in psms:
            self._api(langs, psm)
        for chars in whitelists:
            self._api(langs, psms[0], chars)
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
        api = self._api(langs, psm, chars)
        self._set(api, image)
        if not api.Recognize(timeout=int(timeout * 1000)):  # type: ignore[attr-defined]
            raise OcrTimeout(f"Reading the page took longer than {timeout:.0f} s.")
        return parse_tsv(api.GetTSVText(0))  # type: ignore[attr-defined]

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


# the child that reads one page out of process (tests put a stand-in here to crash or hang it)
CHILD_COMMAND: tuple[str, ...] = (sys.executable, "-m", "intake.ocr_child")


class ChildEngine:
    """The same libtesseract as ``TesserocrEngine``, run in a child Python process per call
    (``intake.ocr_child``), so that a crash or a hang kills the child, never the caller."""

    name = "child"

    def __init__(self, tessdata: str | None = None) -> None:
        import tesserocr  # the child's library: the same interpreter, the same wheel

        self._version = "tesseract " + tesserocr.tesseract_version().split()[1]
        self._tessdata = tessdata or ReadOptions().tessdata_dir() or ""

    def version(self) -> str:
        return self._version

    def _run(self, image: np.ndarray, request: dict[str, object], timeout: float) -> Any:
        img = np.ascontiguousarray(image, dtype=np.uint8)
        h, w = img.shape[:2]
        spec = {**request, "width": w, "height": h, "tessdata": self._tessdata, "timeout": timeout}
        try:
            done = subprocess.run(  # our own module; the arguments are built here
                [*CHILD_COMMAND, json.dumps(spec)],
                input=img.tobytes(),
                capture_output=True,
                timeout=timeout,
                check=False,
                env=_child_env(),
            )
        except subprocess.TimeoutExpired as exc:  # run() has killed the child
            raise OcrTimeout(f"Reading the page took longer than {timeout:.0f} s.") from exc
        if done.returncode != 0:
            raise OcrFailed(f"Tesseract failed on the page (exit status {done.returncode}).")
        answer = json.loads(done.stdout)
        if answer.get("error") == OcrTimeout.code:
            raise OcrTimeout(f"Reading the page took longer than {timeout:.0f} s.")
        if answer.get("error"):
            raise OcrFailed(f"Tesseract failed on the page: {answer.get('message', '')}")
        return answer

    def recognize(self, image: np.ndarray, *, langs: str, psm: int, timeout: float) -> OcrResult:
        answer = self._run(image, {"op": "recognize", "langs": langs, "psm": psm}, timeout)
        return words_from_json(answer["words"])

    def read_chars(
        self, image: np.ndarray, *, chars: str, langs: str, psm: int, timeout: float
    ) -> OcrResult:
        """As recognize, with only ``chars`` allowed (comb boxes: digits)."""
        request = {"op": "recognize", "langs": langs, "psm": psm, "chars": chars}
        return words_from_json(self._run(image, request, timeout)["words"])

    def orientation(self, image: np.ndarray) -> Orientation | None:
        try:
            answer = self._run(image, {"op": "osd"}, 30.0)
        except OcrFailed:
            return None
        found = answer.get("orientation")
        return Orientation(int(found[0]), float(found[1])) if found else None


def _child_env() -> dict[str, str]:
    """The caller's environment, with this package importable from wherever the child starts."""
    root = str(Path(__file__).resolve().parent.parent)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    return env


def words_to_json(result: OcrResult) -> list[list[object]]:
    """The child's answer: each word as [text, bbox, confidence, block, line]."""
    return [[w.text, list(w.bbox), w.confidence, w.block, w.line] for w in result.words]


def words_from_json(rows: list[list[Any]]) -> OcrResult:
    return OcrResult(
        [
            OcrWord(str(t), (b[0], b[1], b[2], b[3]), float(c), int(k), int(n))
            for t, b, c, k, n in rows
        ]
    )


class LazyEngine:
    """``get_engine(name, tessdata)`` made on first use: a file of text-layer pages never loads
    tesserocr (0.3 s of a CLI run's CPU, #24)."""

    def __init__(self, name: str = "auto", tessdata: str | None = None) -> None:
        self._args = (name, tessdata)
        self.name = "tesserocr" if name == "auto" else name  # as get_engine's engine is named

    @property
    def engine(self) -> OcrEngine:
        return get_engine(*self._args)

    def version(self) -> str:
        return self.engine.version()

    def recognize(self, image: np.ndarray, *, langs: str, psm: int, timeout: float) -> OcrResult:
        return self.engine.recognize(image, langs=langs, psm=psm, timeout=timeout)

    def orientation(self, image: np.ndarray) -> Orientation | None:
        return self.engine.orientation(image)

    def __getattr__(self, attr: str) -> Any:
        return getattr(self.engine, attr)  # read_chars, warm: the engine's own


@lru_cache(maxsize=4)
def get_engine(name: str = "auto", tessdata: str | None = None) -> OcrEngine:
    """The named engine, kept for the process (the worker preloads it)."""
    if name in ("auto", "tesserocr"):
        return TesserocrEngine(tessdata)
    if name == "child":
        return ChildEngine(tessdata)
    raise ValueError(f"no OCR engine named {name}")
