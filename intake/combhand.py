"""Comb boxes completed by the hand-written digits recogniser (intake.handdigits), and whether
a completion is kept.

intake.comb reads a comb's boxes with Tesseract; with a HandGate, a box Tesseract is unsure of
is read again by the recogniser (never a confident reading). Its digits are kept when each is
sure, else set aside until another reading on the page agrees (agreed()).

    HandGate        the second reading read_comb() asks for: second_opinion(), then kept
                    (SURE) or set aside (PENDING)
    second_opinion()  the unsure boxes read by the recogniser, and whether each is sure
    agreed()        a value the recogniser completed unsurely kept only when another reading
                    on the page (the page OCR inside the comb, a line elsewhere, another comb)
                    has it (AGREED), else the value as Tesseract read it (DROPPED)

Plain functions over greyscale numpy arrays; no Flask/RQ/Redis.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from intake.comb import DIGITS, CombRead, Readings, inside
from intake.handdigits import HandDigits
from intake.ocr import OcrResult

# a Tesseract digit under this confidence is read again by the recogniser: 0, only boxes where
# Tesseract gives no digit. Chosen on the script face and the printed faces (bench/RESULTS.md,
# #21): there every digit Tesseract read at low confidence was right and the recogniser, asked,
# turned script 7s into 8s and 1s into 3s; the handwriting sets were only measured.
UNSURE = 0.0
# the recogniser's part in a comb's value: its filled-in digits all sure (kept); some unsure,
# waiting for another reading of the same value (agreed()); agreed with one (kept); none did
# (the value stays as Tesseract read it)
SURE, PENDING, AGREED, DROPPED = "sure", "pending", "agreed", "dropped"
AGREE_DIGITS = 8  # an agreeing reading must be this long: a date's ddmmyyyy, an IC's 12


@dataclass(frozen=True)
class Completion:
    found: list[tuple[str, float]]  # per inked box, Tesseract's reading or the recogniser's
    filled: tuple[int, ...]  # boxes (of the inked ones) whose digit is the recogniser's
    sure: bool  # every filled box's reading is sure (HandDigits.judge)


def second_opinion(
    hand: HandDigits, glyphs: list[np.ndarray], found: list[tuple[str, float]]
) -> Completion:
    """Boxes Tesseract is unsure of (no digit, or a digit under UNSURE) read by the recogniser,
    whose reading is taken when its share of agreeing neighbours beats Tesseract's confidence;
    ``sure`` when each taken reading is unanimous and near (calibrated, intake.handdigits)."""
    out, filled, sure = [], [], True
    for i, (glyph, (ch, conf)) in enumerate(zip(glyphs, found, strict=True)):
        if ch in DIGITS and conf >= UNSURE:  # a confident reading is never second-guessed
            out.append((ch, conf))
            continue
        r = hand.judge(glyph)
        if r.digit in DIGITS and r.share > conf:
            out.append((r.digit, r.share))
            filled.append(i)
            sure = sure and r.sure
        else:
            out.append((ch, conf))
    return Completion(out, tuple(filled), sure)


@dataclass(frozen=True)
class HandGate:
    """The recogniser as intake.comb's SecondReading: a completion whose filled-in digits are
    all sure is the value (SURE); one with an unsure digit is set aside for agreed() (PENDING)."""

    hand: HandDigits

    def __call__(
        self, glyphs: list[np.ndarray], found: Readings
    ) -> tuple[Readings, Readings | None, str]:
        c = second_opinion(self.hand, glyphs, found)
        if c.filled and c.sure:
            return c.found, None, SURE
        if c.filled:  # kept aside until another reading agrees (agreed())
            return found, c.found, PENDING
        return found, None, ""


def _digits_of(text: str) -> str:
    return "".join(ch for ch in text if ch in DIGITS)


def _other_readings(result: OcrResult, reads: list[CombRead], r: CombRead) -> list[str]:
    """Digits of every other reading on the page: the page OCR's own marks inside the comb
    (its other reading path), each of the page's lines outside the combs, the other combs."""
    within = [w for w in result.words if inside(w, r.comb.bbox)]
    combed = [o.comb.bbox for o in reads]
    lines: dict[tuple[int, int], list[str]] = {}
    for w in result.words:
        if not any(inside(w, box) for box in combed):
            lines.setdefault((w.block, w.line), []).append(w.text)
    out = [_digits_of("".join(w.text for w in within))]
    out += [_digits_of("".join(texts)) for texts in lines.values()]
    others = (o.chars.replace(" ", "") for o in reads if o is not r)
    return out + [o for o in others if o.isdigit()]  # a "?" box is no reading of it


def agreed(result: OcrResult, reads: list[CombRead]) -> list[CombRead]:
    """Combs whose value the recogniser completed with an unsure digit: the completion kept
    when another reading on the page holds the same digits (at least AGREE_DIGITS of them),
    else the value as Tesseract read it (bench/RESULTS.md, #21)."""
    out = []
    for r in reads:
        if r.hand != PENDING:
            out.append(r)
            continue
        want = r.completed.replace(" ", "")
        ok = want.isdigit() and len(want) >= AGREE_DIGITS
        if ok and any(want in other for other in _other_readings(result, reads, r)):
            out.append(replace(r, chars=r.completed, completed="", hand=AGREED))
        else:
            out.append(replace(r, hand=DROPPED))  # completed kept for the claim (verifier)
    return out
