"""Employer and notice fields of PERKESO forms: employer code, notice type (Borang 34)."""

from __future__ import annotations

import re

from intake.fields.text import DocText
from intake.models import Field

EMPLOYER_CODE = re.compile(
    r"(?:KOD\s*MAJIKAN|EMPLOYER(?:'S)?\s*CODE|NO\.?\s*KOD\s*MAJIKAN)\s*[:.]?\s*([A-Z0-9][A-Z0-9-]{5,15})",
    re.IGNORECASE,
)
NOTICE_TYPES = {
    "KEMALANGAN": "accident", "ACCIDENT": "accident",
    "PENYAKIT KHIDMAT": "occupational_disease", "OCCUPATIONAL DISEASE": "occupational_disease",
    "KEILATAN": "invalidity", "INVALIDITY": "invalidity",
    "KEMATIAN": "death", "DEATH": "death",
}  # fmt: skip
# A ticked box printed as [X] / [/] / (X) / ☑ before the notice type
NOTICE = re.compile(
    r"(?:\[\s*[X/V✓✔]\s*\]|\(\s*[X/V✓✔]\s*\)|[☑☒✓✔])\s*(" + "|".join(NOTICE_TYPES) + ")",
    re.IGNORECASE,
)
JENIS = re.compile(r"JENIS\s+NOTIS\s*[:.]?\s*(" + "|".join(NOTICE_TYPES) + ")", re.IGNORECASE)


def employer_code(dt: DocText) -> Field | None:
    m = EMPLOYER_CODE.search(dt.text)
    if not m or not any(c.isdigit() for c in m[1]):
        return None
    return dt.field(m[1].upper(), m.start(1), m.end(1), 0.85)


def notice_type(dt: DocText) -> Field | None:
    m = JENIS.search(dt.text) or NOTICE.search(dt.text)
    if not m:
        return None
    return dt.field(NOTICE_TYPES[m[1].upper()], m.start(1), m.end(1), 0.7)
