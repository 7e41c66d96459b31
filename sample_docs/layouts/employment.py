"""Payslips and PKS(F)1, time cards and employer letters, termination letters."""

from __future__ import annotations

from sample_docs.dates import MONTHS_MS, fmt_ic
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
    table,
)
from sample_docs.model import Doc, Story
from sample_docs.sheet import GREY, Sheet


def _ic(doc: Doc) -> str:
    ic = doc.fields.get("ic_number")
    return fmt_ic(ic, doc.data.get("ic_style", 0)) if ic else ""


def _payslip(s: Sheet, doc: Doc, story: Story, y: float, month: str, basic: float) -> None:
    e = story.employer
    s.rect(12, y, 186, 128, 0.4)
    s.text(105, y + 8, e.name, 11, "sans-b", "c")
    s.text(105, y + 13, ", ".join(e.address[:3]), 7, "sans", "c")
    s.text(105, y + 20, f"SLIP GAJI / PAYSLIP  -  {month}", 10, "sans-b", "c")
    row(s, 16, y + 29, "Nama", doc.fields.get("name", ""), 22, 8.5)
    row(s, 16, y + 35, "No. K/P", _ic(doc), 22, 8.5)
    row(s, 110, y + 29, "Jawatan", doc.data["position"], 22, 8.5)
    row(s, 110, y + 35, "No. Pekerja", doc.data["staff_no"], 22, 8.5)
    ot = round(basic * 0.11, 2)
    gross = basic + ot + 150
    socso, eis = round(min(gross, 6000) * 0.005, 2), round(min(gross, 6000) * 0.002, 2)
    epf = round(gross * 0.11)
    rows = [
        ["Gaji Pokok", f"{basic:,.2f}", "KWSP / EPF", f"{epf:,.2f}"],
        ["Elaun", "150.00", "PERKESO / SOCSO", f"{socso:,.2f}"],
        ["Kerja Lebih Masa (OT)", f"{ot:,.2f}", "SIP / EIS", f"{eis:,.2f}"],
        ["Jumlah Pendapatan", f"{gross:,.2f}", "Jumlah Potongan", f"{epf + socso + eis:,.2f}"],
    ]
    yy = table(s, 16, y + 41, [55, 30, 55, 38], ["Pendapatan", "RM", "Potongan", "RM"], rows, 8)
    s.text(16, yy + 4, f"GAJI BERSIH / NET PAY: RM {gross - epf - socso - eis:,.2f}", 10, "sans-b")


def render_wage(doc: Doc, story: Story) -> list[Sheet]:
    months, basic = doc.data["months"], doc.data["basic"]
    if doc.layout % 2 == 0:
        pages = []
        for i in range(0, len(months), 2):
            s = Sheet()
            for k, m in enumerate(months[i : i + 2]):
                _payslip(s, doc, story, 12 + 140 * k, m, basic)
            pages.append(s)
        return pages
    e, rng = story.employer, rng_for(doc)
    s = Sheet()
    s.text(190, 14, "PKS(F) 1", 9, "sans-b", "r")
    s.text(105, 22, "PERTUBUHAN KESELAMATAN SOSIAL", 12, "sans-b", "c")
    s.text(105, 29, "KENYATAAN BUTIR-BUTIR GAJI / CARUMAN", 11, "sans-b", "c")
    y = 42.0
    row(s, 17, y, "Nama Orang Berinsurans", doc.fields.get("name", ""), 55, 9.5)
    row(s, 17, y + 7, "No. Kad Pengenalan", _ic(doc), 55, 9.5)
    row(s, 17, y + 14, "Nama Majikan", e.name, 55, 9.5)
    row(s, 17, y + 21, "Kod Majikan", e.code, 55, 9.5)
    rows = [
        [m, f"{basic + 100 * (i % 3):,.2f}", f"{min(basic, 6000) * 0.0175:,.2f}", "26"]
        for i, m in enumerate(months)
    ]
    y = table(
        s,
        17,
        y + 30,
        [45, 45, 45, 40],
        ["Bulan", "Gaji (RM)", "Caruman (RM)", "Hari"],
        rows,
        9,
        hand_cols=(1, 3),
        jitter=doc.data["seed"],
    )
    row(s, 17, y + 8, "Tarikh", field_date(doc, "document_date"), 30, 9.5)
    signature(s, 130, y + 12, 40, rng)
    s.text(150, y + 20, "Tandatangan & Cop Majikan", 7.5, "sans", "c")
    round_stamp(s, 80, y + 18, e.name[:30], [e.town[:14]], rng, stamp_color(rng))
    return [s]


def render_attendance(doc: Doc, story: Story) -> list[Sheet]:
    e, rng = story.employer, rng_for(doc)
    s = Sheet()
    kind = doc.layout % 3
    if kind == 1:  # employer's confirmation letter
        y = letterhead(s, e.name, [*e.address[:3], f"No. SSM: {e.ssm}  Tel: {e.phone}"])
        s.text(20, y, "Tarikh: " + field_date(doc, "document_date"), 10, "serif")
        s.text(20, y + 10, "Kepada: Pengarah, PERKESO " + e.town.title(), 10, "serif")
        s.text(20, y + 22, "SURAT PENGESAHAN MAJIKAN: KEHADIRAN PEKERJA", 10.5, "serif-b")
        body = (
            f"Dengan hormatnya, adalah disahkan bahawa {doc.fields.get('name', '')} "
            f"(No. K/P: {_ic(doc)}) bekerja dengan syarikat ini sebagai "
            f"{doc.data['position']}. Beliau hadir bekerja pada {doc.data['acc_text']} dan "
            f"tidak hadir bekerja sepanjang tempoh cuti sakit yang diberikan. Syarikat tidak "
            f"mempunyai sistem kad perakam waktu."
        )
        y = paragraph(s, 20, y + 34, body, 170, 10.5) + 8
        s.text(20, y, "Sekian, terima kasih.", 10, "serif")
        signature(s, 25, y + 20, 40, rng)
        s.text(20, y + 28, e.officer.name if e.officer else "", 9, "serif")
        s.text(20, y + 33, "Pengurus Sumber Manusia", 9, "serif")
        round_stamp(s, 120, y + 20, e.name[:30], [e.town[:14]], rng, stamp_color(rng))
        return [s]
    title = "KAD PERAKAM WAKTU / TIME CARD" if kind == 0 else "REKOD KEDATANGAN PEKERJA"
    s.text(105, 18, e.name, 11, "sans-b", "c")
    s.text(105, 26, title, 12, "sans-b", "c")
    row(s, 15, 36, "Nama", doc.fields.get("name", ""), 22, 9)
    row(s, 120, 36, "No. Pekerja", doc.data["staff_no"], 25, 9)
    row(s, 15, 42, "Bulan", doc.data["month"], 22, 9)
    rows = [[d, a, b, c] for d, a, b, c in doc.data["days"]]
    font = "mono" if kind == 0 else "sans"
    y = table(
        s,
        15,
        48,
        [30, 45, 45, 60],
        ["Tarikh", "Masuk / In", "Keluar / Out", "Catatan"],
        rows,
        8,
        rh=5.6,
        font=font,
    )
    s.text(15, y + 6, "Disahkan oleh:", 9)
    signature(s, 45, y + 8, 35, rng)
    box_stamp(s, 110, y, [e.name[:30], "DISAHKAN / CERTIFIED"], rng, stamp_color(rng), 70)
    return [s]


def render_termination(doc: Doc, story: Story) -> list[Sheet]:
    e, rng = story.employer, rng_for(doc)
    s = Sheet()
    y = letterhead(s, e.name, [*e.address[:3], f"Company No. {e.ssm}"], font="times-b")
    en = doc.layout % 2 == 1
    s.text(20, y, ("Date: " if en else "Tarikh: ") + field_date(doc, "document_date"), 10, "serif")
    s.text(20, y + 8, "SULIT / PRIVATE & CONFIDENTIAL", 9, "serif-b")
    s.text(20, y + 16, doc.fields.get("name", ""), 10, "serif")
    if doc.fields.get("ic_number"):
        s.text(20, y + 21, ("NRIC: " if en else "No. K/P: ") + _ic(doc), 10, "serif")
    for i, ln in enumerate(doc.data["address"]):
        s.text(20, y + 26 + 5 * i, ln, 10, "serif")
    y += 52
    last = doc.data["last_day"]
    if en:
        subj = "NOTICE OF TERMINATION OF EMPLOYMENT (RETRENCHMENT)"
        body = [
            f"We regret to inform you that due to the restructuring of the company's "
            f"operations your position as {doc.data['position']} has become redundant.",
            f"Your employment with the company is therefore terminated with effect from "
            f"{last}, which is your last working day.",
            "You will be paid your termination benefits under the Employment (Termination "
            "and Lay-Off Benefits) Regulations 1980. Thank you for your service.",
        ]
    else:
        subj = "NOTIS PENAMATAN PERKHIDMATAN (PEMBERHENTIAN KERJA)"
        body = [
            f"Dengan hormatnya, pihak syarikat ingin memaklumkan bahawa jawatan tuan/puan "
            f"sebagai {doc.data['position']} dimansuhkan kerana penstrukturan semula.",
            f"Oleh itu perkhidmatan tuan/puan ditamatkan berkuat kuasa {last}, iaitu hari "
            f"terakhir bekerja.",
            "Faedah penamatan akan dibayar mengikut peruntukan undang-undang. Terima kasih.",
        ]
    s.text(20, y, subj, 10.5, "serif-b")
    y += 10
    for para in body:
        y = paragraph(s, 20, y, para, 170, 10.5) + 4
    y += 6
    s.text(20, y, "Yours faithfully," if en else "Yang benar,", 10, "serif")
    signature(s, 25, y + 18, 40, rng)
    s.text(20, y + 26, e.officer.name if e.officer else "", 9, "serif")
    s.text(20, y + 31, "Human Resource Manager" if en else "Pengurus Sumber Manusia", 9, "serif")
    s.text(105, 288, f"{e.name}  |  {e.phone}", 7, "sans", "c", GREY)
    return [s]


def month_names(first_month: int, year: int, n: int) -> list[str]:
    out = []
    m, y = first_month, year
    for _ in range(n):
        out.append(f"{MONTHS_MS[m - 1].upper()} {y}")
        m += 1
        if m > 12:
            m, y = 1, y + 1
    return out
