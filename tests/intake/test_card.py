"""intake.card: an ID-1 card found in a photo, straightened, its printed background
suppressed; and the reading path's card pass (scan.card_chance), gated so that a page read
well costs no second reading. Cards are drawn here with OpenCV; the real cards are the values
of tests/intake/test_real_documents.py."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from intake import card
from intake.ocr import OcrResult, OcrWord
from intake.options import ReadOptions
from intake.scan import Prepared, card_chance, copied_cards

CARD_W, CARD_H = 856, 540  # ID-1 at 10 px/mm
BLUE_BGR = (235, 205, 160)  # light blue card stock
GUILLOCHE_BGR = (200, 150, 90)  # darker blue lines printed over it


def drawn_card(guilloche: bool = True) -> np.ndarray:
    """A rounded ID-1 card (colour, BGR) with black text over blue wavy lines."""
    img = np.zeros((CARD_H, CARD_W, 3), np.uint8)
    r = 32  # 3.2 mm corner radius
    cv2.rectangle(img, (r, 0), (CARD_W - r, CARD_H), BLUE_BGR, -1)
    cv2.rectangle(img, (0, r), (CARD_W, CARD_H - r), BLUE_BGR, -1)
    for cx, cy in ((r, r), (CARD_W - r, r), (r, CARD_H - r), (CARD_W - r, CARD_H - r)):
        cv2.circle(img, (cx, cy), r, BLUE_BGR, -1)
    if guilloche:
        xs = np.arange(CARD_W)
        for k in range(0, CARD_H, 9):
            ys = (k + 6 * np.sin(xs / 17.0 + k)).astype(np.int32)
            pts = np.stack([xs, ys], axis=1).reshape(-1, 1, 2)
            cv2.polylines(img, [pts], False, GUILLOCHE_BGR, 1)
    font = cv2.FONT_HERSHEY_SIMPLEX
    cv2.putText(img, "KAD PENGENALAN", (60, 80), font, 1.3, (20, 20, 20), 3)
    cv2.putText(img, "800101-14-5555", (60, 200), font, 1.6, (20, 20, 20), 4)
    cv2.putText(img, "ALI BIN ABU", (60, 420), font, 1.1, (20, 20, 20), 2)
    return img


def card_on_desk() -> tuple[np.ndarray, np.ndarray]:
    """The card photographed on a dark textured desk, turned and in perspective; returns the
    photo (BGR) and the card's true corners in it (tl, tr, br, bl)."""
    rng = np.random.default_rng(7)
    desk = rng.normal(70, 12, (1200, 1600)).clip(0, 255).astype(np.uint8)
    desk = cv2.cvtColor(cv2.GaussianBlur(desk, (0, 0), 3), cv2.COLOR_GRAY2BGR)
    src = np.array([[0, 0], [CARD_W, 0], [CARD_W, CARD_H], [0, CARD_H]], np.float32)
    dst = np.array([[330, 260], [1270, 330], [1230, 930], [290, 820]], np.float32)
    m = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(drawn_card(), m, (1600, 1200))
    mask = cv2.warpPerspective(np.full((CARD_H, CARD_W), 255, np.uint8), m, (1600, 1200))
    corner = np.zeros((CARD_H, CARD_W), np.uint8)
    cv2.rectangle(corner, (0, 0), (CARD_W - 1, CARD_H - 1), 255, -1)
    photo = np.where(mask[..., None] > 127, warped, desk)
    return photo, dst.astype(np.float64)


def a4_form() -> np.ndarray:
    """An A4 form at 150 dpi: a title, labelled boxes, a table, lines of text."""
    page = np.full((1754, 1240), 255, np.uint8)
    font = cv2.FONT_HERSHEY_SIMPLEX
    cv2.putText(page, "BORANG 34 PERMOHONAN FAEDAH", (150, 120), font, 1.2, 0, 2)
    for i in range(8):
        y = 220 + i * 70
        cv2.putText(page, f"Medan {i}:", (100, y + 35), font, 0.8, 0, 2)
        cv2.rectangle(page, (400, y), (1140, y + 50), 0, 2)
    cv2.rectangle(page, (100, 900), (1140, 1600), 0, 3)  # a table
    for y in range(970, 1600, 70):
        cv2.line(page, (100, y), (1140, y), 0, 2)
    for x in (400, 700, 900):
        cv2.line(page, (x, 900), (x, 1600), 0, 2)
    return page


def test_a_card_on_a_desk_is_found_at_its_corners() -> None:
    photo, corners = card_on_desk()
    found = card.find_card(cv2.cvtColor(photo, cv2.COLOR_BGR2GRAY))
    assert found is not None and not found.whole
    assert np.abs(found.corners - corners).max() < 25  # px, on a 1600 px photo


def test_the_found_card_is_warped_flat_to_the_id1_aspect() -> None:
    photo, _ = card_on_desk()
    found = card.find_card(cv2.cvtColor(photo, cv2.COLOR_BGR2GRAY))
    assert found is not None
    flat, m = card.straighten(photo, found)
    assert flat.shape[:2] == (card.CARD_SIZE[1], card.CARD_SIZE[0])
    assert flat.shape[1] / flat.shape[0] == pytest.approx(card.ASPECT, rel=0.01)
    desk = np.median(photo[:100, :100])  # the desk is dark, the card light
    inner = flat[40:-40, 40:-40].max(axis=2)
    assert np.median(inner) > desk + 100  # the warp holds card, not desk
    tl = m @ np.array([*found.corners[0], 1.0])
    assert np.allclose(tl[:2] / tl[2], (0, 0), atol=1)


def test_an_a4_form_is_not_taken_for_a_card() -> None:
    assert card.find_card(a4_form()) is None


def test_an_image_cropped_tight_to_the_card_is_the_card() -> None:
    gray = cv2.cvtColor(drawn_card(), cv2.COLOR_BGR2GRAY)
    found = card.find_card(gray)
    assert found is not None
    assert np.allclose(found.corners[2], (CARD_W - 1, CARD_H - 1), atol=15)


def test_the_guilloche_is_suppressed_and_the_text_kept() -> None:
    colour = drawn_card()
    text = cv2.inRange(colour, (0, 0, 0), (60, 60, 60)) > 0
    lines = ~text & (np.abs(colour.astype(int) - GUILLOCHE_BGR).sum(axis=2) < 30)
    clean = card.suppress_background(colour)
    assert set(np.unique(clean)) <= {0, 255}
    assert np.mean(clean[text] == 0) > 0.9  # the text stays black
    assert np.mean(clean[lines] == 0) < 0.02  # the printed lines are gone
    grey = cv2.cvtColor(colour, cv2.COLOR_BGR2GRAY)
    _, naive = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    assert np.mean(naive[lines] == 0) > 0.5  # what a grey threshold would have kept


class CleanCardEngine:
    """Reads the card's number only from a black-and-white image (what the card pass gives)."""

    name = "fake"

    def __init__(self) -> None:
        self.calls = 0

    def recognize(self, image: np.ndarray, *, langs: str, psm: int, timeout: float) -> OcrResult:
        self.calls += 1
        if len(np.unique(image)) <= 2:
            words = ["KAD", "PENGENALAN", "800101-14-5555", "ALI", "BIN", "ABU"]
            boxes = [(i * 10.0, 0.0, i * 10.0 + 9, 9.0) for i in range(len(words))]
            return OcrResult([OcrWord(w, b, 0.9) for w, b in zip(words, boxes, strict=True)])
        return OcrResult([OcrWord("~", (0, 0, 5, 5), 0.3), OcrWord("KAD", (9, 0, 19, 9), 0.4)])


def test_a_poorly_read_card_is_read_again_straightened() -> None:
    photo, corners = card_on_desk()
    gray = cv2.cvtColor(photo, cv2.COLOR_BGR2GRAY)
    rgb = cv2.cvtColor(photo, cv2.COLOR_BGR2RGB)
    engine = CleanCardEngine()
    p = Prepared(gray, np.eye(3))
    first = engine.recognize(gray, langs="eng", psm=3, timeout=5)
    best = card_chance(engine, gray, lambda: rgb, p, ReadOptions(), first)  # type: ignore[arg-type]
    assert "800101-14-5555" in best.text and "card" in p.steps and p.kind == "card"
    back = np.linalg.inv(p.matrix) @ np.array([0.0, 0.0, 1.0])  # card pixel (0, 0)
    assert np.allclose(back[:2] / back[2], corners[0], atol=25)  # boxes map to the photo


def test_a_page_read_well_is_not_read_again() -> None:
    engine = CleanCardEngine()
    form = a4_form()
    good = OcrResult([OcrWord(f"w{i}", (i, 0, i + 1, 1), 0.95) for i in range(30)])
    p = Prepared(form, np.eye(3))
    assert card_chance(engine, form, None, p, ReadOptions(), good) is good  # type: ignore[arg-type]
    poor = OcrResult([OcrWord("~", (0, 0, 5, 5), 0.3)])
    assert card_chance(engine, form, None, p, ReadOptions(), poor) is poor  # type: ignore[arg-type]
    assert engine.calls == 0 and p.steps == []  # a form is no card: no second reading


def test_a_card_read_well_without_a_number_is_not_read_again() -> None:
    """A clinic's slip is card-shaped and reads well with no card number: no second reading;
    a card whose number came in pieces is read again even when it reads well otherwise."""
    slip = "KLINIK ANDA SIJIL CUTI SAKIT 12/10/2026 HINGGA 14/10/2026"
    assert not card.worth_reading_again("card", slip, 0.85)
    assert card.worth_reading_again("card", "KAD PENGENALAN 000000-01- -0101", 0.85)
    assert not card.worth_reading_again("card", "KAD PENGENALAN 000000-01-0101", 0.85)
    assert card.worth_reading_again("page", slip, card.GOOD_QUALITY - 0.01)


def card_copied_on_a4() -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """An A4 copy at 150 dpi with a MyKad's front copied on it: the card's printed rounded
    outline (506 x 319 px, ID-1) in the paper's own tone; returns the page and the card's box."""
    page = np.full((1754, 1240), 232, np.uint8)
    x0, y0, w, h = 300, 250, 506, 319
    r = 19
    for dx, dy in ((0, r), (r, 0)):
        cv2.rectangle(page, (x0 + dx, y0 + dy), (x0 + w - dx, y0 + h - dy), 70, 3)
    cv2.rectangle(page, (x0 + 3, y0 + r), (x0 + w - 3, y0 + h - r), 232, -1)
    cv2.rectangle(page, (x0 + r, y0 + 3), (x0 + w - r, y0 + h - 3), 232, -1)
    font = cv2.FONT_HERSHEY_SIMPLEX
    cv2.putText(page, "KAD PENGENALAN", (x0 + 20, y0 + 40), font, 0.6, 20, 1)
    cv2.putText(page, "900731-27-9459", (x0 + 20, y0 + 120), font, 0.8, 20, 2)
    cv2.putText(page, "GOH CHEE KEONG", (x0 + 20, y0 + 170), font, 0.6, 20, 1)
    cv2.putText(page, "CERTIFIED TRUE COPY", (700, 900), font, 0.9, 20, 2)
    return page, (x0, y0, x0 + w, y0 + h)


def test_a_card_copied_on_a_page_is_found_by_its_outline() -> None:
    page, (x0, y0, x1, y1) = card_copied_on_a4()
    assert card.find_card(page) is None  # too small a share of the page, the paper's tone
    boxes = card.cards_on_page(page)
    assert len(boxes) == 1
    assert np.abs(np.array(boxes[0]) - (x0, y0, x1, y1)).max() <= 8
    assert card.cards_on_page(a4_form()) == []


class BoxEngine:
    """Reads a card-sized image as the whole card (its name included); counts its calls."""

    name = "fake"

    def __init__(self) -> None:
        self.calls = 0

    def recognize(self, image: np.ndarray, *, langs: str, psm: int, timeout: float) -> OcrResult:
        self.calls += 1
        lines = [["KAD", "PENGENALAN"], ["900731-27-9459"], ["GOH", "CHEE", "KEONG"]]
        return OcrResult([OcrWord(t, (20.0 + 60 * j, 30.0 + 50 * i, 70.0 + 60 * j, 45.0 + 50 * i),
                                  0.9, 0, i) for i, ln in enumerate(lines)
                          for j, t in enumerate(ln)])  # fmt: skip


def _page_reading(number: str) -> OcrResult:
    """The page's own reading: the card's title and number, its name line lost; a stamp."""
    words = [("KAD", (320, 280, 360, 295), 0), ("PENGENALAN", (365, 280, 460, 295), 0),
             (number, (320, 355, 500, 375), 1), ("CERTIFIED", (700, 880, 820, 905), 2),
             ("COPY", (830, 880, 900, 905), 2)]  # fmt: skip
    return OcrResult([OcrWord(t, b, 0.9, 0, ln) for t, b, ln in words])  # type: ignore[arg-type]


def test_a_card_copied_on_a_page_is_read_again_from_its_box() -> None:
    page, _ = card_copied_on_a4()
    engine = BoxEngine()
    p = Prepared(page, np.eye(3))
    best = copied_cards(engine, p, ReadOptions(), _page_reading("900731-27-9459"))  # type: ignore[arg-type]
    assert engine.calls == 1 and "card_on_page" in p.steps
    lines = [ln for ln in best.text.split("\n") if ln]
    assert lines == ["KAD PENGENALAN", "900731-27-9459", "GOH CHEE KEONG", "CERTIFIED COPY"]
    name = next(w for w in best.words if w.text == "GOH")
    assert 300 < name.bbox[0] < 806 and 250 < name.bbox[1] < 569  # in page pixels


def test_a_page_without_a_card_number_reads_no_box_again() -> None:
    page, _ = card_copied_on_a4()
    engine = BoxEngine()
    no_number = _page_reading("900731")
    p = Prepared(page, np.eye(3))
    assert copied_cards(engine, p, ReadOptions(), no_number) is no_number  # type: ignore[arg-type]
    assert engine.calls == 0 and p.steps == []


def test_a_card_shaped_box_whose_reading_holds_no_card_is_not_read_again() -> None:
    """A form's ruled box of the card's shape: the page holds an IC number, but elsewhere."""
    page, _ = card_copied_on_a4()
    engine = BoxEngine()
    words = [OcrWord("Nama", (320, 280, 380, 295), 0.9, 0, 0),
             OcrWord("900731-27-9459", (700, 1200, 900, 1220), 0.9, 1, 1)]  # fmt: skip
    reading = OcrResult(words)
    p = Prepared(page, np.eye(3))
    assert copied_cards(engine, p, ReadOptions(), reading) is reading  # type: ignore[arg-type]
    assert engine.calls == 0
