"""PERKESO forms: Borang 34, legacy Borang 21, 10, 68, 69, and the FHUK application."""

from __future__ import annotations

from sample_docs.dates import fmt_ic
from sample_docs.layouts.common import (
    char_boxes,
    checkbox,
    field_date,
    rng_for,
    round_stamp,
    row,
    signature,
    stamp_color,
)
from sample_docs.model import Doc, Story
from sample_docs.sheet import GREY, Sheet

PERKESO = "PERTUBUHAN KESELAMATAN SOSIAL"
ACT = "AKTA KESELAMATAN SOSIAL PEKERJA 1969"


def _header(s: Sheet, code: str, title: list[str], doc: Doc) -> float:
    s.text(190, 12, code, 9, "sans-b", "r")
    s.rect(18, 12, 20, 16, 0.5)
    s.text(28, 22, "PERKESO", 5.5, "sans-b", "c")
    s.text(112, 17, PERKESO, 12, "sans-b", "c")
    s.text(112, 22, ACT, 8, "sans", "c")
    y = 32.0
    for i, ln in enumerate(title):
        s.text(105, y, ln, 12 if i == 0 else 9.5, "sans-b" if i == 0 else "sans", "c")
        y += 6 if i == 0 else 4.8
    s.line(15, y, 195, y, 0.6)
    return y + 7


def _section(s: Sheet, y: float, title: str) -> float:
    s.rect(15, y - 4.5, 180, 6.2, 0.3, fill=(225, 225, 225))
    s.text(17, y, title, 9, "sans-b")
    return y + 8


def _person_rows(s: Sheet, doc: Doc, y: float, hand: bool) -> float:
    j = doc.data["seed"]
    ic = doc.fields.get("ic_number", "")
    row(s, 17, y, "Nama Orang Berinsurans", doc.fields.get("name", ""), 55, 9, hand, j, line_to=193)
    y += 9
    s.text(17, y, "No. Kad Pengenalan", 9)
    if doc.layout % 2 == 0:
        char_boxes(s, 72, y, ic.replace("-", ""), 12, hand, j + 11)
    else:
        row(
            s,
            17,
            y,
            "No. Kad Pengenalan",
            fmt_ic(ic, doc.data.get("ic_style", 0)),
            55,
            9,
            hand,
            j + 11,
            line_to=140,
        )
    y += 9
    row(s, 17, y, "No. Keselamatan Sosial", ic.replace("-", ""), 55, 9, hand, j + 12, line_to=140)
    y += 9
    row(s, 17, y, "Alamat", doc.data["address"], 55, 9, hand, j + 13, line_to=193)
    return y + 10


def _witness(s: Sheet, doc: Doc, y: float, hand: bool) -> float:
    w = doc.data.get("witness")
    if not w:
        return y
    j = doc.data["seed"] + 40
    row(s, 17, y, "Nama Saksi", w["name"], 55, 9, hand, j, line_to=193)
    row(s, 17, y + 9, "No. K/P Saksi", fmt_ic(w["ic"], 0), 55, 9, hand, j + 1, line_to=140)
    return y + 18


def _employer_block(s: Sheet, doc: Doc, story: Story, y: float, hand: bool) -> float:
    e, rng, j = story.employer, rng_for(doc, "emp"), doc.data["seed"] + 60
    row(s, 17, y, "Nama Majikan", e.name, 55, 9, False, j, line_to=193)
    row(s, 17, y + 8, "Kod Majikan", e.code, 55, 9, False, j, line_to=120)
    y += 17
    if "notified_date" in doc.fields.get("dates", {}):
        row(
            s,
            17,
            y,
            "Tarikh dimaklumkan kepada majikan",
            field_date(doc, "notified_date"),
            70,
            9,
            hand,
            j + 2,
            line_to=150,
        )
        y += 9
    row(s, 17, y, "Tarikh", field_date(doc, "document_date"), 55, 9, hand, j + 3, line_to=120)
    y += 6
    signature(s, 130, y + 8, 40, rng)
    s.line(120, y + 12, 190, y + 12, 0.25)
    s.text(155, y + 16, "Tandatangan & Cop Majikan", 7.5, "sans", "c")
    if e.officer:
        s.text(155, y + 20, e.officer.name, 7, "sans", "c")
    round_stamp(s, 70, y + 12, e.name[:30], [e.town[:14], e.code], rng, stamp_color(rng))
    return y + 32


def render_form34(doc: Doc, story: Story) -> list[Sheet]:
    hand = doc.layout % 2 == 0
    j = doc.data["seed"]
    p1 = Sheet()
    y = _header(
        p1,
        "BORANG 34",
        [
            "BORANG BUTIRAN NOTIS DAN TUNTUTAN FAEDAH",
            "(Peraturan 34) Notis Kemalangan / Penyakit Khidmat",
        ],
        doc,
    )
    y = _section(p1, y, "BAHAGIAN A: BUTIRAN ORANG BERINSURANS")
    y = _person_rows(p1, doc, y, hand)
    y = _section(p1, y, "BAHAGIAN B: JENIS NOTIS")
    kinds = ("Kemalangan", "Penyakit Khidmat", "Keilatan", "Kematian")
    for i, kname in enumerate(kinds):
        checkbox(p1, 20 + 44 * i, y, kname, kname == doc.data["notice_kind"])
    y = _section(p1, y + 10, "BAHAGIAN C: BUTIRAN KEMALANGAN / PENYAKIT")
    acc = field_date(doc, "accident_date")
    label = (
        "Tarikh kemalangan" if doc.data["notice_kind"] != "Penyakit Khidmat" else "Tarikh diagnosis"
    )
    row(p1, 17, y, label, acc, 55, 9, hand, j + 20, line_to=120)
    row(p1, 125, y, "Masa", doc.data.get("time", ""), 15, 9, hand, j + 21, line_to=193)
    y += 9
    row(p1, 17, y, "Tempat", doc.data["place"], 55, 9, hand, j + 22, line_to=193)
    y += 9
    kind = doc.data.get("kind", "")
    for i, (kv, kl) in enumerate(
        (("workplace", "Di tempat kerja"), ("commuting", "Perjalanan"), ("emergency", "Kecemasan"))
    ):
        checkbox(p1, 20 + 55 * i, y, kl, kv == kind)
    y += 9
    row(p1, 17, y, "Bagaimana berlaku", doc.data["how"], 55, 9, hand, j + 23, line_to=193)
    y += 12
    _witness(p1, doc, y, hand)
    p1.text(105, 290, "Borang 34 (Pin. 1/2019)  Muka 1/2", 7, "sans", "c", GREY)
    p2 = Sheet()
    y = _section(p2, 20, "BAHAGIAN D: PERAKUAN MAJIKAN")
    y = _employer_block(p2, doc, story, y, hand)
    y = _section(p2, y + 5, "BAHAGIAN E: AKUAN ORANG BERINSURANS")
    p2.text(17, y, "Saya mengaku bahawa butiran di atas adalah benar.", 9)
    signature(p2, 30, y + 14, 35, rng_for(doc, "ob"))
    p2.text(17, y + 20, "Tandatangan Orang Berinsurans", 7.5)
    p2.text(105, 290, "Borang 34 (Pin. 1/2019)  Muka 2/2", 7, "sans", "c", GREY)
    return [p1, p2]


def render_form21(doc: Doc, story: Story) -> list[Sheet]:
    s = Sheet()
    j = doc.data["seed"]
    y = _header(s, "BORANG 21", ["LAPORAN KEMALANGAN", "PKS(P) 21 - Peraturan 21"], doc)
    y = _section(s, y, "1. BUTIR-BUTIR PEKERJA")
    y = _person_rows(s, doc, y, True)
    y = _section(s, y, "2. BUTIR-BUTIR KEMALANGAN")
    row(
        s,
        17,
        y,
        "Tarikh kemalangan",
        field_date(doc, "accident_date"),
        55,
        9,
        True,
        j + 20,
        line_to=120,
    )
    row(s, 125, y, "Jam", doc.data.get("time", ""), 12, 9, True, j + 21, line_to=193)
    row(s, 17, y + 9, "Tempat", doc.data["place"], 55, 9, True, j + 22, line_to=193)
    row(s, 17, y + 18, "Sebab kecederaan", doc.data["how"], 55, 9, True, j + 23, line_to=193)
    y = _witness(s, doc, y + 28, True)
    y = _section(s, y + 2, "3. PERAKUAN MAJIKAN")
    _employer_block(s, doc, story, y, True)
    return [s]


def render_form10(doc: Doc, story: Story) -> list[Sheet]:
    s = Sheet()
    j, rng = doc.data["seed"], rng_for(doc)
    y = _header(s, "BORANG 10", ["BORANG TUNTUTAN", "Tuntutan Faedah Hilang Upaya Sementara"], doc)
    y = _section(s, y, "BUTIR-BUTIR PENUNTUT")
    y = _person_rows(s, doc, y, doc.layout % 2 == 0)
    y = _section(s, y, "BUTIR-BUTIR TUNTUTAN")
    row(
        s,
        17,
        y,
        "Tarikh kemalangan/penyakit",
        field_date(doc, "accident_date"),
        55,
        9,
        True,
        j + 20,
        line_to=130,
    )
    row(s, 17, y + 9, "Nama bank", doc.data["bank"], 55, 9, True, j + 21, line_to=193)
    row(s, 17, y + 18, "No. akaun", doc.data["account"], 55, 9, True, j + 22, line_to=150)
    y += 30
    s.text(17, y, "Saya menuntut faedah di bawah Akta dan mengaku butiran ini benar.", 9)
    row(s, 17, y + 12, "Tarikh", field_date(doc, "document_date"), 55, 9, True, j + 23, line_to=120)
    signature(s, 140, y + 12, 40, rng)
    s.text(160, y + 18, "Tandatangan Penuntut", 7.5, "sans", "c")
    return [s]


def render_od(doc: Doc, story: Story) -> list[Sheet]:
    """Borang 68 (still employed) and 69 (has left): occupational disease report and notice."""
    s = Sheet()
    j = doc.data["seed"]
    is68 = doc.doc_type == "form_68"
    code = "PKS(P) 68" if is68 else "PKS(P) 69"
    title = "LAPORAN PENYAKIT KHIDMAT" if is68 else "NOTIS PENYAKIT KHIDMAT"
    sub = "(Pekerja masih bekerja)" if is68 else "(Pekerja telah berhenti kerja)"
    y = _header(s, code, [title, sub], doc)
    y = _section(s, y, "A. ORANG BERINSURANS")
    y = _person_rows(s, doc, y, doc.layout % 2 == 0)
    y = _section(s, y, "B. PENYAKIT")
    row(s, 17, y, "Jenis penyakit", story.diagnosis, 55, 9, True, j + 20, line_to=193)
    row(
        s,
        17,
        y + 9,
        "Tarikh diagnosis",
        field_date(doc, "accident_date"),
        55,
        9,
        True,
        j + 21,
        line_to=120,
    )
    y += 18
    if not is68:
        row(
            s,
            17,
            y,
            "Tarikh berhenti kerja",
            doc.data.get("left_on", ""),
            55,
            9,
            True,
            j + 22,
            line_to=120,
        )
        y += 9
    y = _section(s, y + 3, "C. MAJIKAN")
    _employer_block(s, doc, story, y, True)
    return [s]


def render_fhuk(doc: Doc, story: Story) -> list[Sheet]:
    s = Sheet()
    j, rng = doc.data["seed"], rng_for(doc)
    y = _header(
        s,
        "PKS(P) 11",
        ["PERMOHONAN FAEDAH HILANG UPAYA KEKAL", "Permanent Disablement Benefit Application"],
        doc,
    )
    y = _section(s, y, "BAHAGIAN I: PEMOHON")
    y = _person_rows(s, doc, y, doc.layout % 2 == 0)
    y = _section(s, y, "BAHAGIAN II: KECEDERAAN")
    row(s, 17, y, "Jenis kecederaan", story.diagnosis, 55, 9, True, j + 20, line_to=193)
    row(s, 17, y + 9, "Hospital dirawat", story.clinic.name, 55, 9, True, j + 21, line_to=193)
    y += 22
    s.text(17, y, "Saya memohon supaya dirujuk ke Lembaga Perubatan untuk penilaian.", 9)
    row(s, 17, y + 12, "Tarikh", field_date(doc, "document_date"), 55, 9, True, j + 22, line_to=120)
    signature(s, 140, y + 12, 40, rng)
    s.text(160, y + 18, "Tandatangan Pemohon", 7.5, "sans", "c")
    return [s]
