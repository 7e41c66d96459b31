"""Simple, clear scans for the browser test: one small page per document, drawn with PIL."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
NAME = "MUHAMMAD HAFIZ BIN ISMAIL"
IC = "870903-10-6231"
ACCIDENT = "2026-10-02"


def _page(lines: list[str], size: tuple[int, int] = (1300, 1000), draw_map: bool = False) -> bytes:
    img = Image.new("L", size, 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 32)
    y = 50
    for line in lines:
        draw.text((60, y), line, fill=0, font=font)
        y += 56
    if draw_map:  # roads, a house, a factory and the place of the accident
        draw.line((100, 700, 1200, 700), fill=0, width=8)
        draw.line((650, 420, 650, 950), fill=0, width=8)
        draw.rectangle((120, 560, 300, 680), outline=0, width=5)
        draw.rectangle((1000, 560, 1200, 680), outline=0, width=5)
        draw.ellipse((620, 670, 680, 730), outline=0, width=6)
        draw.text((130, 600), "RUMAH", fill=0, font=font)
        draw.text((1010, 600), "KILANG", fill=0, font=font)
        draw.text((700, 740), "X TEMPAT KEMALANGAN", fill=0, font=font)
    out = io.BytesIO()
    img.save(out, "PNG", dpi=(300, 300))
    return out.getvalue()


def form_34() -> bytes:
    return _page(
        [
            "PERTUBUHAN KESELAMATAN SOSIAL (PERKESO)",
            "BORANG 34",
            "BUTIRAN NOTIS DAN TUNTUTAN FAEDAH",
            f"Nama Orang Berinsurans: {NAME}",
            f"No. Kad Pengenalan: {IC}",
            "Kod Majikan: DEMO001",
            "Tarikh Kemalangan: 02/10/2026",
            "Tarikh Dimaklumkan Kepada Majikan: 02/10/2026",
            "Jenis Notis: Kemalangan semasa perjalanan",
        ]
    )


def mykad() -> bytes:
    return _page(
        ["KAD PENGENALAN", "MyKad MALAYSIA", IC, NAME, "WARGANEGARA", "LELAKI"], size=(1000, 640)
    )


def medical_certificate() -> bytes:
    return _page(
        [
            "KLINIK KESIHATAN SEGAMAT",
            "SIJIL CUTI SAKIT / MEDICAL CERTIFICATE",
            f"Nama / Name: {NAME}",
            f"No. K/P / IC No.: {IC}",
            "Tarikh / Date: 02/10/2026",
            "Saya mengesahkan bahawa pesakit di atas tidak sihat",
            "untuk bekerja selama 5 hari",
            "dari 02/10/2026 hingga 06/10/2026.",
            "Dr. Aminah binti Yusof, MMC 45123",
        ]
    )


def attendance_record() -> bytes:
    return _page(
        [
            "REKOD KEDATANGAN / ATTENDANCE RECORD",
            f"Nama: {NAME}   No. K/P: {IC}",
            "Bulan: September 2026",
            "01/09  MASUK 08:00  KELUAR 17:00",
            "02/09  MASUK 08:02  KELUAR 17:01",
            "03/09  MASUK 07:58  KELUAR 17:00",
            "04/09  MASUK 08:00  KELUAR 17:05",
            "05/09  MASUK 08:01  KELUAR 17:00",
        ]
    )


def wage_statement() -> bytes:
    return _page(
        [
            "SLIP GAJI / PAYSLIP  September 2026",
            f"Nama: {NAME}   No. K/P: {IC}",
            "Gaji Pokok / Basic Pay        RM 2,800.00",
            "Elaun / Allowance              RM 200.00",
            "KWSP / EPF                     RM 308.00",
            "SOCSO                          RM 14.75",
            "EIS                            RM 5.90",
            "Gaji Bersih / Net Pay         RM 2,671.35",
        ]
    )


def police_report() -> bytes:
    return _page(
        [
            "POLIS DIRAJA MALAYSIA",
            "LAPORAN POLIS",
            "No. Repot: SEGAMAT/RPT/001234/26",
            "Balai Polis: IPD SEGAMAT",
            "Tarikh: 02/10/2026   Masa: 10:15",
            f"Nama Pengadu: {NAME}",
            f"No. K/P: {IC}",
            "Kemalangan jalan raya semasa dalam perjalanan ke tempat kerja.",
        ]
    )


def sketch_map() -> bytes:
    return _page(
        [
            "PETA LAKAR / SKETCH MAP",
            "Laluan dari rumah ke tempat kerja",
            "Tarikh kemalangan: 02/10/2026",
        ],
        draw_map=True,
    )


FIRST_UPLOAD = {
    "borang34.png": form_34,
    "mykad.png": mykad,
    "mc.png": medical_certificate,
    "kedatangan.png": attendance_record,
    "slip_gaji.png": wage_statement,
    "laporan_polis.png": police_report,
}
SECOND_UPLOAD = {"peta_lakar.png": sketch_map}
