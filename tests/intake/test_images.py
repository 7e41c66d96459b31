"""Each clean-up step recovers a known rotation, skew, size or crop on generated pages.

Tolerances: skew within 0.3 degree, text height within 15%, page corners within 1.5% of the
photo's size, mapped boxes within 2 pixels.
"""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np
import pytest
from PIL import Image

from intake import images as im
from intake.options import ReadOptions
from intake.scan import page_kind, prepare


@pytest.fixture(scope="module")
def page(kit: Any) -> np.ndarray:
    return kit.as_array(kit.text_page(size=36))


@pytest.mark.parametrize("degrees", [-7.0, -2.0, -0.5, 0.8, 2.0, 4.5])
def test_line_angle_recovers_skew(kit: Any, degrees: float) -> None:
    gray = kit.as_array(kit.skewed(kit.text_page(size=36), degrees))
    # Pillow turns counter-clockwise: the lines then run up to the right (negative angle).
    angle = im.line_angle(gray, im.text_height(gray))
    assert angle is not None
    assert angle == pytest.approx(-degrees, abs=0.3)


@pytest.mark.parametrize("degrees", [-3.0, 1.5])
def test_deskew_straightens_the_lines(kit: Any, degrees: float) -> None:
    gray = kit.as_array(kit.skewed(kit.text_page(size=36), degrees))
    angle = im.line_angle(gray, im.text_height(gray))
    assert angle is not None
    fixed, _ = im.deskew(gray, angle)
    after = im.line_angle(fixed, im.text_height(fixed))
    assert after is not None and abs(after) < 0.3


def test_deskew_skips_straight_pages(page: np.ndarray) -> None:
    out, m = im.deskew(page, 0.02)
    assert out is page
    assert np.allclose(m, np.eye(3))


def test_vertical_text_is_seen_as_vertical(page: np.ndarray) -> None:
    turned, _ = im.rotate_quarter(page, 90)
    angle = im.line_angle(turned, im.text_height(turned))
    assert angle is not None and abs(angle) > 80


@pytest.mark.parametrize("cw", [90, 180, 270])
def test_rotate_quarter_matrix_maps_points(page: np.ndarray, cw: int) -> None:
    turned, m = im.rotate_quarter(page, cw)
    ys, xs = np.nonzero(page < 128)
    x, y = int(xs[0]), int(ys[0])
    nx, ny, _ = m @ np.array([x, y, 1.0])
    assert turned[round(ny), round(nx)] == page[y, x]


def test_map_boxes_round_trip_through_deskew(page: np.ndarray) -> None:
    _, m = im.rotate_by(page, 3.0)
    boxes = np.array([[100.0, 120.0, 400.0, 160.0], [50.0, 50.0, 60.0, 70.0]])
    back = im.map_boxes(im.map_boxes(boxes, m), np.linalg.inv(m))
    # the axis-aligned hull of a turned box grows a little; the centre stays put
    assert np.allclose((back[:, :2] + back[:, 2:]) / 2, (boxes[:, :2] + boxes[:, 2:]) / 2, atol=2)


@pytest.mark.parametrize("size", [16, 30, 60])
def test_text_height_follows_font_size(kit: Any, size: int) -> None:
    gray = kit.as_array(kit.text_page(size=size, width=size * 50))
    h = im.text_height(gray)
    assert h is not None
    assert h == pytest.approx(size * 0.73, rel=0.15)  # median glyph ~ x-height..cap height


def test_resolution_factor_upscales_faxes_and_downscales_photos() -> None:
    target = im.TARGET_TEXT_HEIGHT
    assert im.resolution_factor(10.0, 1700) == pytest.approx(target / 10.0)
    assert im.resolution_factor(3.0, 1700) == 3.0  # capped: specks are not text
    assert im.resolution_factor(target * 1.2, 2500) == 1.0
    assert im.resolution_factor(120.0, 8000) == pytest.approx(target / 120.0)
    assert im.resolution_factor(None, 2500) == 1.0


def test_scale_brings_low_dpi_text_to_target(kit: Any) -> None:
    gray = kit.as_array(kit.text_page(size=14, width=700))  # a 100-dpi fax
    f = im.resolution_factor(im.text_height(gray), max(gray.shape))
    big, m = im.scale(gray, f)
    h = im.text_height(big)
    assert h == pytest.approx(im.TARGET_TEXT_HEIGHT, rel=0.2)
    assert m[0, 0] == pytest.approx(big.shape[1] / gray.shape[1])


def photo_of(page: np.ndarray, corners: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """The page laid on a dark desk under perspective, like a phone photo."""
    h, w = page.shape
    src = np.array([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]], dtype=np.float32)
    m = cv2.getPerspectiveTransform(src, corners.astype(np.float32))
    desk = np.full((size[1], size[0]), 60, np.uint8)
    return cv2.warpPerspective(page, m, size, dst=desk, borderMode=cv2.BORDER_TRANSPARENT)


def test_find_document_quad_on_a_photo(page: np.ndarray) -> None:
    corners = np.array([[300, 200], [2300, 320], [2200, 1500], [250, 1350]], dtype=np.float64)
    photo = photo_of(page, corners, (2600, 1800))
    quad = im.find_document_quad(photo)
    assert quad is not None
    assert np.abs(quad - corners).max() < 0.015 * 2600
    flat, _ = im.warp_quad(photo, quad)
    angle = im.line_angle(flat, im.text_height(flat))
    assert angle is not None and abs(angle) < 1.0


def test_find_document_quad_finds_the_whole_sheet_under_a_shadow(page: np.ndarray) -> None:
    """A shadow darkens half the sheet to near the desk's grey: Otsu's cut then runs along the
    shadow and takes the lit half for the sheet; the sheet's own edges still give all of it."""
    corners = np.array([[300, 200], [2300, 320], [2200, 1500], [250, 1350]], dtype=np.float64)
    lit = page.astype(np.float32) * 0.85 + 30  # paper at about 247
    w = page.shape[1]
    shade = np.clip((np.arange(w, dtype=np.float32) - 0.4 * w) / (0.2 * w), 0, 1)
    shaded = (lit * (1 - 0.35 * shade)[None, :]).astype(np.uint8)  # right side about 160
    rng = np.random.default_rng(3)
    photo = photo_of(shaded, corners, (2600, 1800))
    desk = photo == 60
    photo[desk] = np.clip(rng.normal(120, 6, int(desk.sum())), 0, 255).astype(np.uint8)
    quad = im.find_document_quad(photo)
    assert quad is not None
    assert np.abs(quad - corners).max() < 0.015 * 2600


def test_find_document_quad_keeps_a_lit_corner_of_the_desk_out_of_the_sheet(
    page: np.ndarray,
) -> None:
    """Light falling on one corner of the desk brings it near the paper's grey: Otsu's cut then
    leaks from the sheet into that corner, and a quad around both would take desk for paper
    (flattened, its grain reads as noise). The sheet's edges give the sheet alone."""
    corners = np.array([[300, 200], [2300, 320], [2200, 1500], [250, 1350]], dtype=np.float64)
    photo = photo_of(page, corners, (2600, 1800))
    desk = photo == 60
    yy, xx = np.mgrid[0 : photo.shape[0], 0 : photo.shape[1]].astype(np.float32)
    lit = np.clip(1 - np.hypot(yy, xx) / 900, 0, 1)  # the top-left corner lit
    rng = np.random.default_rng(5)
    tone = 120 + 115 * lit + rng.normal(0, 8, photo.shape)
    photo[desk] = np.clip(tone[desk], 0, 255).astype(np.uint8)
    quad = im.find_document_quad(photo)
    assert quad is not None
    assert np.abs(quad - corners).max() < 0.015 * 2600


def test_find_document_quad_ignores_a_scanned_page_with_a_frame(page: np.ndarray) -> None:
    framed = page.copy()
    cv2.rectangle(framed, (60, 60), (framed.shape[1] - 60, framed.shape[0] - 60), 0, 4)
    assert im.find_document_quad(framed) is None
    assert im.find_document_quad(page) is None


def test_crop_dark_borders_of_a_photocopy(page: np.ndarray) -> None:
    copy = cv2.copyMakeBorder(page, 40, 30, 25, 50, cv2.BORDER_CONSTANT, value=10)
    out, m = im.crop_dark_borders(copy)
    assert out.shape == page.shape
    assert (m[0, 2], m[1, 2]) == (-25, -40)
    same, _ = im.crop_dark_borders(page)
    assert same is page


def test_specks_are_measured_and_removed(page: np.ndarray) -> None:
    rng = np.random.default_rng(1)
    noisy = page.copy()
    ys, xs = rng.integers(0, page.shape[0], 6000), rng.integers(0, page.shape[1], 6000)
    noisy[ys, xs] = 0
    assert im.speckle_ratio(noisy) > 0.6 > im.speckle_ratio(page)
    assert im.speckle_ratio(im.remove_specks(noisy)) < 0.6


def test_flatten_background_evens_a_shadow(page: np.ndarray) -> None:
    ramp = np.linspace(0.45, 1.0, page.shape[1])[None, :]
    shaded = (page.astype(np.float64) * ramp).astype(np.uint8)
    assert im.background_unevenness(shaded) > 60
    assert im.background_unevenness(im.flatten_background(shaded)) < 20


def test_blank_pages(page: np.ndarray) -> None:
    rng = np.random.default_rng(2)
    paper = np.clip(rng.normal(235, 3, (1600, 1200)), 0, 255).astype(np.uint8)
    assert im.is_blank(paper)
    assert im.is_blank(np.full((800, 600), 255, np.uint8))
    assert not im.is_blank(page)
    assert not im.is_blank(np.full((800, 600), 5, np.uint8))  # lid open: unreadable, not blank


def test_exif_turn_reads_orientation() -> None:
    img = Image.new("L", (40, 20), 255)
    exif = img.getexif()
    exif[0x0112] = 6
    img.info["exif"] = exif.tobytes()
    assert im.exif_turn(img) == 90
    assert im.exif_turn(Image.new("L", (4, 4))) == 0


def test_to_gray_lays_transparency_on_white() -> None:
    rgba = Image.new("RGBA", (10, 10), (0, 0, 0, 0))
    assert int(im.to_gray(rgba).min()) == 255
    assert im.to_gray(Image.new("I;16", (4, 4), 65535)).max() == 255


def test_page_kinds() -> None:
    assert page_kind((540, 856), photo_quad=True) == "card"
    assert page_kind((3000, 900), photo_quad=False) == "receipt"
    assert page_kind((3300, 2550), photo_quad=False) == "page"


def test_prepare_turns_vertical_text_and_keeps_a_matrix_back(page: np.ndarray) -> None:
    turned, _ = im.rotate_quarter(page, 90)
    p = prepare(turned, ReadOptions())
    assert p.turned_for_vertical
    assert p.rotation in (90, 270)
    assert p.image.shape[1] > p.image.shape[0]  # landscape again, like the page


def test_a_slanted_signature_does_not_outweigh_level_text() -> None:
    """Level lines of separate glyphs and one long solid stroke at -6 degrees (a signature):
    the stroke is a line for the horizontal closing only, so it is counted once, and the
    level text (more length in all) wins."""
    gray = np.full((1200, 1600), 255, np.uint8)
    for row in range(4):  # four lines of 20-px glyphs, 1,000 px long each
        y = 150 + row * 120
        for x in range(100, 1100, 28):
            gray[y : y + 20, x : x + 16] = 0
    stroke = np.array([[200, 900], [1500, 900 - 137]], np.int32)  # 1,307 px at about -6 deg
    cv2.line(gray, tuple(stroke[0]), tuple(stroke[1]), 0, thickness=22)
    cv2.line(gray, (200, 1000), (1500, 1000 - 137), 0, thickness=22)  # and a second stroke
    angle = im.line_angle(gray, 20.0)
    assert angle is not None and abs(angle) < 0.5


def test_blank_is_judged_on_ink_not_on_the_page_s_contrast(page: np.ndarray) -> None:
    """Noise, JPEG blocks and a shadow make no ink; a few faint lines of print do."""
    rng = np.random.default_rng(3)
    for spread in (3, 6, 8):
        assert im.is_blank(np.clip(rng.normal(235, spread, (1600, 1200)), 0, 255).astype(np.uint8))
    shadow = (np.full((1600, 1200), 240.0) * np.linspace(0.5, 1.0, 1200)[None, :]).astype(np.uint8)
    assert im.is_blank(shadow)
    noisy = np.clip(rng.normal(235, 4, (1600, 1200)), 0, 255).astype(np.uint8)
    _, jpeg = cv2.imencode(".jpg", noisy, [cv2.IMWRITE_JPEG_QUALITY, 30])
    assert im.is_blank(cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE))
    static = rng.integers(60, 256, (1100, 850), dtype=np.uint8)  # light, but no paper
    assert not im.is_blank(static)
    sparse = np.full((3300, 2550), 250, np.uint8)
    sparse[300 : 300 + page.shape[0] // 2, 200 : 200 + page.shape[1] // 2] = im.shrink(
        page, max(page.shape) // 2
    )[: page.shape[0] // 2, : page.shape[1] // 2]
    for contrast in (0.3, 0.15):
        faint = (sparse.astype(np.float32) * contrast + 255 * (1 - contrast)).astype(np.uint8)
        assert not im.is_blank(faint)


def test_a_wide_blur_on_a_shrunk_copy_is_the_full_blur_within_two_grey_levels() -> None:
    """A paper estimate (a page's light after a morphological close) blurred on a copy and
    enlarged back differs from the full-size blur by no more than rounding does."""
    rng = np.random.default_rng(5)
    yy, xx = np.mgrid[0:3000, 0:2400].astype(np.float32)
    light = 200 + 40 * np.sin(xx / 700) * np.cos(yy / 900)  # a phone's uneven light
    paper = np.clip(light + rng.normal(0, 3, light.shape), 0, 255).astype(np.uint8)
    paper[1000:1400, 600:1800] = 120  # a dark block the close left (a photo, a banner)
    for sigma in (33.0, 50.0):
        full = cv2.GaussianBlur(paper, (0, 0), sigma)
        diff = np.abs(im.smooth(paper, sigma).astype(int) - full.astype(int))
        assert diff.max() <= 2 and diff.mean() < 0.5, (sigma, diff.max(), diff.mean())
    small = paper[:200, :200]
    assert np.array_equal(im.smooth(small, 5.0), cv2.GaussianBlur(small, (0, 0), 5.0))
