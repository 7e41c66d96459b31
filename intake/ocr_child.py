"""One OCR call out of process, for ``intake.ocr.ChildEngine``.

    python -m intake.ocr_child '{"op": "recognize", "langs": "eng", "psm": 3, "width": W,
                                 "height": H, "tessdata": DIR, "timeout": S, "chars": "0123"}'

reads W*H bytes of 8-bit greyscale pixels on stdin, reads them with ``TesserocrEngine`` (the
same library and settings as in process) and writes JSON on stdout: ``{"words": [[text, bbox,
confidence, block, line], ...]}``, ``{"orientation": [rotate_cw, confidence] | null}`` for
``"op": "osd"``, or ``{"error": code, "message": text}``. A crash ends the process with a signal.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import numpy as np

from intake.errors import OcrFailed
from intake.ocr import TesserocrEngine, words_to_json


def answer(spec: dict[str, Any], pixels: bytes) -> dict[str, Any]:
    """What one request reads as (the JSON the parent gets)."""
    image = np.frombuffer(pixels, dtype=np.uint8).reshape(int(spec["height"]), int(spec["width"]))
    engine = TesserocrEngine(str(spec["tessdata"]) or None)
    if spec["op"] == "osd":
        found = engine.orientation(image)
        return {"orientation": [found.rotate_cw, found.confidence] if found else None}
    langs, psm, timeout = str(spec["langs"]), int(spec["psm"]), float(spec["timeout"])
    try:
        if spec.get("chars"):
            chars = str(spec["chars"])
            read = engine.read_chars(image, chars=chars, langs=langs, psm=psm, timeout=timeout)
        else:
            read = engine.recognize(image, langs=langs, psm=psm, timeout=timeout)
    except OcrFailed as exc:
        return {"error": exc.code, "message": exc.message}
    return {"words": words_to_json(read)}


def main() -> int:
    spec = json.loads(sys.argv[1])
    json.dump(answer(spec, sys.stdin.buffer.read()), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
