"""MyKad copies and photos, bank book pages, death certificates."""

from __future__ import annotations

from sample_docs.dates import fmt_ic
from sample_docs.layouts.common import (
    field_date,
    letterhead,
    photo_placeholder,
    rng_for,
    round_stamp,
    row,
    signature,
    table,
)
from sample_docs.model import Doc, Story
from sample_docs.sheet import GREY, STAMP_RED, Sheet

CARD_W, CARD_H = 85.6, 54.0


def _card_front(s: Sheet, doc: Doc, ox: float, oy: float, k: float) -> None:
    def t(x: float, y: float, txt: str, size: float, font: str = "sans-b", a: str = "l") -> None:
        s.text(ox + x * k, oy + y * k, txt, size * k, font, a)

    s.rect(ox, oy, CARD_W * k, CARD_H * k, 0.4, GREY, (236, 240, 246), radius=3.5 * k)
    s.rect(ox + 2 * k, oy + 12 * k, 9 * k, 7 * k, 0.2, GREY, (205, 190, 140), radius=1 * k)
    t(3, 6, "KAD PENGENALAN", 5.5)
    t(3, 9.6, "MALAYSIA", 7)
    t(40, 6, "IDENTITY CARD", 4.5, "sans")
    t(70, 7, "MyKad", 7, "sans-b")
    ic = doc.fields.get("ic_number", "")
    t(3, 25, fmt_ic(ic, 0) if ic else "", 8.5, "sans-b")
    photo_placeholder(s, ox + 57 * k, oy + 13 * k, 24 * k, 29 * k)
    name = doc.fields.get("name", "")
    words = name.split()
    first, second = " ".join(words[:3]), " ".join(words[3:])
    t(3, 33, first, 6.2)
    if second:
        t(3, 36.2, second, 6.2)
    addr = doc.data["address"]
    for i, ln in enumerate(addr):
        t(3, 40 + i * 2.9, ln, 5.0, "sans")
    t(58, 46, "WARGANEGARA", 5.0)
    t(58, 49, "LELAKI" if doc.data["male"] else "PEREMPUAN", 5.0)
    if doc.data.get("religion"):
        t(74, 49, doc.data["religion"], 5.0)
    if doc.data.get("origin"):  # H for Sabah, K for Sarawak, on the card's right edge
        t(82, 32, doc.data["origin"], 6.0)


def _card_back(s: Sheet, doc: Doc, ox: float, oy: float, k: float) -> None:
    s.rect(ox, oy, CARD_W * k, CARD_H * k, 0.4, GREY, (238, 238, 232), radius=3.5 * k)
    s.rect(ox + 6 * k, oy + 8 * k, 14 * k, 11 * k, 0.3, GREY, (210, 200, 160), radius=1.5 * k)
    s.text(ox + 30 * k, oy + 12 * k, "KETUA PENGARAH PENDAFTARAN NEGARA", 4 * k, "sans")
    s.text(ox + 30 * k, oy + 16 * k, doc.data["card_serial"], 5 * k, "mono")
    for i in range(34):
        w = (0.35 + (i * 7 % 3) * 0.25) * k
        s.line(ox + (8 + i * 2.1) * k, oy + 36 * k, ox + (8 + i * 2.1) * k, oy + 46 * k, w)
    s.text(
        ox + 43 * k,
        oy + 50 * k,
        doc.fields.get("ic_number", "").replace("-", ""),
        5 * k,
        "mono",
        "c",
    )


def render_mykad(doc: Doc, story: Story) -> list[Sheet]:
    if doc.layout % 2 == 1:  # the card alone, for a phone photo
        s = Sheet(CARD_W + 14, CARD_H + 14, background=(250, 250, 250))
        _card_front(s, doc, 7, 7, 1.0)
        return [s]
    s = Sheet()
    k = 1.35
    ox = (210 - CARD_W * k) / 2
    _card_front(s, doc, ox, 25, k)
    _card_back(s, doc, ox, 45 + CARD_H * k, k)
    if doc.data.get("certified"):
        rng = rng_for(doc)
        s.text(30, 240, "SALINAN DIAKUI SAH", 11, "sans-b")
        signature(s, 30, 255, 40, rng)
        s.text(30, 262, story.employer.officer.name if story.employer.officer else "", 8)
    return [s]


def render_bank(doc: Doc, story: Story) -> list[Sheet]:
    bank = doc.data["bank"]
    rng = rng_for(doc)
    if doc.layout % 2 == 0:  # passbook front page, A5-ish
        s = Sheet(180, 125, background=(248, 246, 238))
        s.rect(5, 5, 170, 115, 0.4, GREY)
        s.text(90, 16, bank.upper(), 14, "sans-b", "c")
        s.text(90, 23, "BUKU AKAUN SIMPANAN / SAVINGS ACCOUNT PASSBOOK", 8, "sans", "c")
        y = 38.0
        row(s, 12, y, "Nama Pemegang Akaun", doc.fields.get("name", ""), 45, size=9)
        ic = doc.fields.get("ic_number")
        if ic:
            row(s, 12, y + 8, "No. K/P", fmt_ic(ic, 1), 45, size=9)
        row(s, 12, y + 16, "No. Akaun", doc.data["account"], 45, size=9)
        row(s, 12, y + 24, "Cawangan", doc.data["branch"], 45, size=9)
        round_stamp(s, 140, 95, bank.upper()[:24], ["CAWANGAN", doc.data["branch"][:12]], rng)
        return [s]
    s = Sheet()
    y = letterhead(
        s,
        bank.upper(),
        ["Penyata Akaun / Account Statement", doc.data["branch"]],
        y=20,
        size=14,
        center=False,
    )
    s.text(20, y, doc.fields.get("name", ""), 10, "sans-b")
    for i, ln in enumerate(doc.data["address"]):
        s.text(20, y + 5 + 4.5 * i, ln, 9)
    s.text(130, y, "Tarikh Penyata: " + field_date(doc, "document_date"), 9)
    s.text(130, y + 5, "No. Akaun: " + doc.data["account"], 9)
    rows = [
        [field_date(doc, "document_date") if i == 0 else "", desc, amt, bal]
        for i, (desc, amt, bal) in enumerate(doc.data["lines"])
    ]
    table(
        s, 20, y + 30, [38, 72, 30, 30], ["Tarikh", "Butiran", "Amaun (RM)", "Baki (RM)"], rows, 8.5
    )
    return [s]


def render_death(doc: Doc, story: Story) -> list[Sheet]:
    rng = rng_for(doc)
    s = Sheet()
    form = "JPN.LM03" if doc.layout % 2 == 0 else "JPN.LM02"
    s.text(190, 14, form, 8, "sans", "r")
    s.text(105, 22, "JABATAN PENDAFTARAN NEGARA MALAYSIA", 12, "sans-b", "c")
    title = (
        "SIJIL KEMATIAN / CERTIFICATE OF DEATH"
        if form == "JPN.LM03"
        else "DAFTAR KEMATIAN / PERMIT MENGUBUR"
    )
    s.text(105, 30, title, 13, "serif-b", "c")
    s.text(105, 36, "Akta Pendaftaran Kelahiran dan Kematian 1957", 8, "sans", "c")
    s.text(20, 46, f"No. Daftar: {doc.data['reg_no']}", 10, "mono-b")
    rows = [
        ("Nama Si Mati / Name of Deceased", doc.fields.get("name", "")),
        ("No. Kad Pengenalan", fmt_ic(doc.fields.get("ic_number", ""), 0)),
        ("Tarikh Kematian / Date of Death", field_date(doc, "date_of_death")),
        ("Tempat Kematian", doc.data["place"]),
        ("Sebab Kematian / Cause of Death", doc.data["cause"]),
        ("Nama Pemberi Maklumat", doc.data["informant"]),
        ("No. K/P Pemberi Maklumat", fmt_ic(doc.data["informant_ic"], 0)),
        ("Tarikh Pendaftaran", field_date(doc, "document_date")),
    ]
    table(s, 15, 55, [75, 105], ["Butiran", "Maklumat"], [list(r) for r in rows], 9, rh=9)
    signature(s, 130, 160, 40, rng)
    s.text(150, 170, "Pendaftar Kematian", 8.5, "sans", "c")
    round_stamp(s, 60, 165, "JABATAN PENDAFTARAN NEGARA", ["PENDAFTAR", "KEMATIAN"], rng, STAMP_RED)
    return [s]
