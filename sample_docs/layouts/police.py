"""PDRM police reports (Laporan Polis) and sketch maps (Peta Lakar)."""

from __future__ import annotations

import math

from sample_docs.dates import fmt_ic
from sample_docs.layouts.common import (
    field_date,
    paragraph,
    rng_for,
    round_stamp,
    row,
    signature,
)
from sample_docs.model import Doc, Story
from sample_docs.sheet import BLACK, INK_BLUE, STAMP_BLUE, Sheet


def render_police(doc: Doc, story: Story) -> list[Sheet]:
    st, rng = story.station, rng_for(doc)
    s = Sheet()
    d = doc.data
    s.text(190, 12, "Pol. 55" if doc.layout % 2 == 0 else "PDRM/RPT", 8, "sans", "r")
    s.ellipse(105, 22, 8, 8, 0.6)
    s.text(105, 25, "PDRM", 7, "sans-b", "c")
    s.text(105, 38, "POLIS DIRAJA MALAYSIA", 13, "sans-b", "c")
    title = "LAPORAN POLIS" if doc.layout % 2 == 0 else "REPOT POLIS / POLICE REPORT"
    s.text(105, 45, title, 12, "sans-b", "c")
    s.line(15, 49, 195, 49, 0.5)
    y = 58.0
    row(s, 15, y, "No. Repot", doc.fields.get("report_number", ""), 35, 10)
    row(s, 115, y, "Balai", f"BALAI POLIS {st.balai}", 18, 9)
    row(s, 15, y + 7, "Tarikh", field_date(doc, "document_date"), 35, 10)
    row(s, 115, y + 7, "Masa", d["time"], 18, 10)
    row(s, 15, y + 14, "IPD", f"IPD {st.district}", 35, 10)
    y += 26
    s.text(15, y, "BUTIR-BUTIR PENGADU / COMPLAINANT", 10, "sans-b")
    y += 7
    comp = d["complainant"]
    for label, value in (
        ("Nama", comp["name"]),
        ("No. K/P", fmt_ic(comp["ic"], d["ic_style"])),
        ("Jantina", comp["sex"]),
        ("Umur", comp["age"]),
        ("Keturunan", comp["race"]),
        ("Pekerjaan", comp["job"]),
        ("Alamat", comp["address"]),
        ("No. Telefon", comp["phone"]),
    ):
        row(s, 15, y, label, value, 35, 9.5)
        y += 6
    y += 4
    s.text(15, y, "KETERANGAN / STATEMENT", 10, "sans-b")
    y += 7
    y = paragraph(s, 15, y, d["narrative"], 178, 10, "mono") + 6
    s.text(15, y, "Tandatangan Pengadu", 9)
    signature(s, 55, y, 35, rng)
    s.text(120, y, "Penerima Repot", 9)
    s.text(120, y + 5, st.officer, 8)
    s.text(120, y + 9.5, f"No. Badan: {st.officer_no}", 8)
    if "officer_ic" in d:
        s.text(120, y + 14, f"No. K/P: {fmt_ic(d['officer_ic'], 0)}", 8)
    round_stamp(
        s, 160, y + 30, "POLIS DIRAJA MALAYSIA", ["BALAI POLIS", st.balai[:16]], rng, STAMP_BLUE
    )
    s.text(
        15,
        285,
        "Salinan diakui sah. Laporan palsu adalah satu kesalahan di bawah s.182 KK.",
        7,
        "sans",
    )
    return [s]


def _arrow(s: Sheet, x1: float, y1: float, x2: float, y2: float) -> None:
    s.line(x1, y1, x2, y2, 0.5, INK_BLUE)
    a = math.atan2(y2 - y1, x2 - x1)
    for da in (2.6, -2.6):
        s.line(x2, y2, x2 + 4 * math.cos(a + da), y2 + 4 * math.sin(a + da), 0.5, INK_BLUE)


def render_sketch(doc: Doc, story: Story) -> list[Sheet]:
    rng = rng_for(doc)
    s = Sheet()
    j = doc.data["seed"]
    if doc.layout % 2 == 0:
        s.text(105, 18, "PETA LAKAR KEMALANGAN", 14, "sans-b", "c")
        s.text(105, 24, "(Lakaran laluan dari rumah ke tempat kerja)", 9, "sans", "c")
        row(s, 20, 34, "Nama", doc.fields.get("name", ""), 40, hand=True, jitter=j)
        row(
            s,
            20,
            42,
            "Tarikh Kemalangan",
            field_date(doc, "accident_date"),
            40,
            hand=True,
            jitter=j + 1,
        )
        s.rect(15, 50, 180, 200, 0.5)
        oy = 55
    else:
        s.hand(20, 22, "Peta Lakar", 22, j)
        s.hand(20, 34, doc.fields.get("name", ""), 14, j + 1)
        s.hand(20, 44, "Tarikh: " + field_date(doc, "accident_date"), 14, j + 2)
        oy = 55
    # roads
    ry = oy + rng.uniform(60, 110)
    s.line(20, ry, 190, ry, 0.5, BLACK)
    s.line(20, ry + 12, 190, ry + 12, 0.5, BLACK)
    rx = rng.uniform(60, 150)
    s.line(rx, oy + 5, rx, ry, 0.5, BLACK)
    s.line(rx + 12, oy + 5, rx + 12, ry, 0.5, BLACK)
    s.line(rx, ry + 12, rx, oy + 185, 0.5, BLACK)
    s.line(rx + 12, ry + 12, rx + 12, oy + 185, 0.5, BLACK)
    for x in range(25, 185, 12):
        s.line(x, ry + 6, x + 6, ry + 6, 0.3, BLACK)
    s.hand(25, ry - 3, doc.data["road1"], 11, j + 3)
    s.hand(rx + 14, oy + 30, doc.data["road2"], 11, j + 4)
    # boxes
    s.rect(25, oy + 12, 35, 22, 0.5, INK_BLUE)
    s.hand(28, oy + 26, "RUMAH", 12, j + 5)
    s.rect(140, ry + 30, 45, 25, 0.5, INK_BLUE)
    s.hand(142, ry + 45, "TEMPAT KERJA", 11, j + 6)
    kx, ky = rx + 6, ry + 6
    s.line(kx - 4, ky - 4, kx + 4, ky + 4, 0.8, (180, 20, 20))
    s.line(kx - 4, ky + 4, kx + 4, ky - 4, 0.8, (180, 20, 20))
    s.hand(kx - 30, ky + 25, "TEMPAT KEMALANGAN", 11, j + 7)
    _arrow(s, kx - 5, ky + 20, kx - 1, ky + 6)
    _arrow(s, 45, oy + 36, rx - 3, ry - 4)
    _arrow(s, rx + 16, ry + 16, 138, ry + 40)
    s.hand(25, oy + 190, f"Jarak lebih kurang {doc.data['km']} km", 11, j + 8)
    s.hand(30, 270, "U", 12, j + 9)
    _arrow(s, 31, 268, 31, 256)
    s.text(130, 275, "Tandatangan:", 9)
    signature(s, 155, 275, 30, rng)
    return [s]
