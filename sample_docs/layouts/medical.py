"""Medical certificates (Sijil Cuti Sakit) and medical reports (Laporan Perubatan)."""

from __future__ import annotations

from sample_docs.dates import fmt_ic
from sample_docs.layouts.common import (
    box_stamp,
    field_date,
    letterhead,
    paragraph,
    rng_for,
    round_stamp,
    row,
    signature,
    stamp_color,
)
from sample_docs.model import Doc, Story
from sample_docs.sheet import GREY, Sheet

NUM_MS = (
    "KOSONG",
    "SATU",
    "DUA",
    "TIGA",
    "EMPAT",
    "LIMA",
    "ENAM",
    "TUJUH",
    "LAPAN",
    "SEMBILAN",
    "SEPULUH",
    "SEBELAS",
    "DUA BELAS",
    "TIGA BELAS",
    "EMPAT BELAS",
    "LIMA BELAS",
)
NUM_EN = (
    "ZERO",
    "ONE",
    "TWO",
    "THREE",
    "FOUR",
    "FIVE",
    "SIX",
    "SEVEN",
    "EIGHT",
    "NINE",
    "TEN",
    "ELEVEN",
    "TWELVE",
    "THIRTEEN",
    "FOURTEEN",
    "FIFTEEN",
)


def _ic(doc: Doc) -> str:
    ic = doc.fields.get("ic_number")
    return fmt_ic(ic, doc.data.get("ic_style", 0)) if ic else ""


def _words(n: int, en: bool) -> str:
    table = NUM_EN if en else NUM_MS
    return table[n] if 0 <= n < len(table) else str(n)


def render_mc(doc: Doc, story: Story) -> list[Sheet]:
    return [(_mc_private, _mc_kkm, _mc_system)[doc.layout % 3](doc, story)]


def _mc_private(doc: Doc, story: Story) -> Sheet:
    """Small-clinic pad, A5 landscape-ish, bilingual, hand-filled."""
    c, rng = story.clinic, rng_for(doc)
    s = Sheet(210, 148)
    y = letterhead(s, c.name, [*c.address, f"Tel: {c.phone}"], y=14, size=13)
    s.text(105, y, "SIJIL CUTI SAKIT / MEDICAL CERTIFICATE", 12, "sans-b", "c")
    s.text(160, y + 8, "No. Siri:", 9)
    s.text(176, y + 8, doc.data["serial"], 11, "mono-b", "l", (200, 30, 30))
    y += 16
    j = doc.data["seed"]
    row(s, 15, y, "Nama / Name", doc.fields.get("name", ""), 42, hand=True, jitter=j, line_to=195)
    row(s, 15, y + 9, "No. K/P / I.C. No.", _ic(doc), 42, hand=True, jitter=j + 1, line_to=120)
    days = doc.fields.get("mc_days", 0)
    y += 20
    s.text(
        15, y, "Saya telah memeriksa pesakit di atas dan mendapati beliau tidak sihat untuk", 9.5
    )
    s.text(15, y + 5, "bekerja / I have examined the above and found him/her unfit for duty", 9.5)
    y += 13
    s.text(15, y, "selama / for", 9.5)
    s.hand(38, y - 0.3, f"{days} ({_words(days, False).title()})", 14, j + 2)
    s.text(80, y, "hari / days", 9.5)
    s.text(15, y + 9, "dari / from", 9.5)
    s.hand(38, y + 8.7, field_date(doc, "mc_start"), 14, j + 3)
    s.text(95, y + 9, "hingga / to", 9.5)
    s.hand(117, y + 8.7, field_date(doc, "mc_end"), 14, j + 4)
    y += 22
    s.text(15, y, "Tarikh / Date:", 9.5)
    s.hand(42, y - 0.3, field_date(doc, "document_date"), 14, j + 5)
    signature(s, 140, y - 4, 40, rng)
    s.line(130, y + 3, 195, y + 3, 0.25)
    s.text(162, y + 7, c.doctor, 7.5, "sans", "c")
    s.text(162, y + 11, f"MBBS (UM)  MMC No. {c.mmc}", 7.5, "sans", "c")
    round_stamp(
        s, 105, y - 2, c.name[:30], ["DOKTOR", c.doctor.split()[1][:14]], rng, stamp_color(rng)
    )
    return s


def _mc_kkm(doc: Doc, story: Story) -> Sheet:
    """Government clinic/hospital: KKM header, Malay, typed."""
    c, rng = story.clinic, rng_for(doc)
    s = Sheet()
    s.ellipse(105, 20, 9, 9, 0.6)
    s.text(105, 23, "KKM", 9, "sans-b", "c")
    s.text(105, 36, "KEMENTERIAN KESIHATAN MALAYSIA", 11, "sans-b", "c")
    s.text(105, 42, c.name, 12, "sans-b", "c")
    s.text(105, 47, ", ".join(c.address), 8, "sans", "c")
    s.line(15, 51, 195, 51, 0.5)
    s.text(105, 62, "SIJIL CUTI SAKIT", 16, "serif-b", "c")
    s.text(20, 74, "No. Siri", 10)
    s.text(50, 74, ": " + doc.data["serial"], 10, "mono-b")
    s.text(130, 74, "No. Daftar: " + doc.data["mrn"], 10)
    y = 90.0
    row(s, 20, y, "Adalah disahkan bahawa", "", 60, colon=False)
    row(s, 20, y + 10, "Nama", doc.fields.get("name", ""), 40, size=10.5)
    row(s, 20, y + 19, "No. Kad Pengenalan", _ic(doc), 40, size=10.5)
    days = doc.fields.get("mc_days", 0)
    y += 34
    y = paragraph(
        s,
        20,
        y,
        (
            f"telah diperiksa dan didapati tidak sihat untuk menjalankan tugas "
            f"selama {days} ({_words(days, False)}) hari mulai "
            f"{field_date(doc, 'mc_start')} hingga {field_date(doc, 'mc_end')}."
        ),
        170,
        11,
    )
    y += 14
    row(s, 20, y, "Tarikh", field_date(doc, "document_date"), 25)
    signature(s, 125, y + 14, 45, rng)
    s.line(115, y + 20, 190, y + 20, 0.3)
    s.text(152, y + 25, f"( {c.doctor} )", 8.5, "sans", "c")
    s.text(152, y + 29.5, f"Pegawai Perubatan  No. MMC: {c.mmc}", 8, "sans", "c")
    round_stamp(s, 60, y + 24, c.name[:32], ["PEGAWAI", "PERUBATAN"], rng, stamp_color(rng))
    s.text(20, 280, "Sijil ini tidak sah tanpa cop rasmi. KKM/MC/1-2019", 7, "sans", "l", GREY)
    return s


def _mc_system(doc: Doc, story: Story) -> Sheet:
    """Clinic management system print-out, English, all typed (also used for text PDFs)."""
    c, rng = story.clinic, rng_for(doc)
    s = Sheet()
    y = letterhead(
        s,
        c.name,
        [*c.address, f"Tel: {c.phone}   Email: admin@clinic.example.my"],
        y=20,
        font="helv-b",
        size=14,
        center=False,
        logo=True,
    )
    s.text(105, y + 4, "MEDICAL CERTIFICATE", 15, "sans-b", "c")
    s.text(20, y + 16, f"MC No.: {doc.data['serial']}", 9.5, "mono")
    s.text(120, y + 16, f"Visit: {doc.data['mrn']}", 9.5, "mono")
    y += 30
    rows = [
        ("Patient Name", doc.fields.get("name", "")),
        ("NRIC / Passport", _ic(doc)),
        ("Employer", story.employer.name),
        ("Date of Visit", field_date(doc, "document_date")),
    ]
    for label, value in rows:
        row(s, 20, y, label, value, 45, size=10)
        y += 7.5
    days = doc.fields.get("mc_days", 0)
    y += 6
    y = paragraph(
        s,
        20,
        y,
        (
            f"This is to certify that the above-named patient is unfit for duty "
            f"for {days} day(s) from {field_date(doc, 'mc_start')} to "
            f"{field_date(doc, 'mc_end')} inclusive."
        ),
        170,
        11,
        "sans",
    )
    y += 4
    s.text(20, y, "Remarks: Rest advised. Follow up if symptoms persist.", 9.5, "sans")
    y += 25
    signature(s, 130, y, 40, rng)
    s.line(120, y + 5, 190, y + 5, 0.3)
    s.text(155, y + 10, c.doctor, 8.5, "sans", "c")
    s.text(155, y + 14.5, f"MMC Reg. No.: {c.mmc}", 8.5, "sans", "c")
    if doc.data.get("stamp", True):
        box_stamp(
            s,
            25,
            y - 4,
            [c.name[:34], c.address[0][:40], f"TEL {c.phone}"],
            rng,
            stamp_color(rng),
            80,
        )
    s.text(
        105,
        285,
        "This certificate is computer generated. Verify at the clinic counter.",
        7,
        "sans",
        "c",
        GREY,
    )
    return s


def render_report(doc: Doc, story: Story) -> list[Sheet]:
    c, rng = story.clinic, rng_for(doc)
    s = Sheet()
    y = letterhead(s, c.name, [*c.address, f"Tel: {c.phone}"], y=20, font="times-b", size=15)
    en = doc.layout % 2 == 1
    s.text(105, y + 3, "MEDICAL REPORT" if en else "LAPORAN PERUBATAN", 14, "serif-b", "c")
    s.text(20, y + 14, ("Our ref: " if en else "Rujukan kami: ") + doc.data["mrn"], 9.5, "serif")
    s.text(
        190,
        y + 14,
        ("Date: " if en else "Tarikh: ") + field_date(doc, "document_date"),
        9.5,
        "serif",
        "r",
    )
    y += 26
    labels = (
        ("Name", "I/C No.", "Date of injury", "Diagnosis")
        if en
        else ("Nama", "No. K/P", "Tarikh kecederaan", "Diagnosis")
    )
    values = (
        doc.fields.get("name", ""),
        _ic(doc),
        field_date(doc, "accident_date"),
        story.diagnosis,
    )
    for label, value in zip(labels, values, strict=True):
        row(s, 20, y, label, value, 42, size=10.5)
        y += 7.5
    y += 5
    body = doc.data["body_en" if en else "body_ms"]
    for para in body:
        y = paragraph(s, 20, y, para, 170, 10.5) + 4
    y += 12
    signature(s, 25, y, 45, rng)
    s.line(20, y + 5, 90, y + 5, 0.3)
    s.text(20, y + 10, c.doctor, 9, "serif")
    s.text(20, y + 14.5, ("Medical Officer / Specialist" if en else "Pakar Perubatan"), 9, "serif")
    s.text(20, y + 19, f"MMC: {c.mmc}   No. K/P: {fmt_ic(doc.data['doctor_ic'], 0)}", 9, "serif")
    round_stamp(s, 150, y + 5, c.name[:30], ["JABATAN", "ORTOPEDIK"], rng, stamp_color(rng))
    return [s]
