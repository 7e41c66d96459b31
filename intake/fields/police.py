"""PDRM report fields: report number, station, report time (domain.md 4.4)."""

from __future__ import annotations

import re

from intake.fields.text import DocText
from intake.models import Field

# "SENTUL/012345/26", "IPD SENTUL/RPT/1234/2026", "Sea Park Rpt. 1234/24" (domain.md 4.4)
REPORT_NO = re.compile(
    r"(?<![A-Za-z])([A-Z][A-Z .'()-]{1,40}?\s*/\s*(?:RPT\s*/\s*)?[0-9OIl]{2,7}\s*/\s*[0-9OIl]{2,4}"
    r"|[A-Z][A-Z ]{1,40}RPT\.?\s*[0-9]{1,7}\s*/\s*[0-9]{2,4})(?![0-9])"
)
LABELLED = re.compile(
    r"(?:NO\.?\s*(?:REPOT|LAPORAN|RPT)|REPORT\s*NO\.?|NO\.?\s*REPORT)\s*[:.]?\s*([^\n]{4,60})",
    re.IGNORECASE,
)
STATION = re.compile(
    r"(?:BALAI\s+POLIS|BALAI|POLICE\s+STATION|IPD|STATION)\s*[:.]?\s*([A-Z][A-Za-z .'-]{2,40}?)"
    r"(?=\s{2,}|\n|,|$|\s+(?:NO|TARIKH|DATE|MASA|TIME|JAM)\b)",
    re.IGNORECASE,
)
TIME = re.compile(
    r"(?:MASA|JAM|TIME|WAKTU)\s*[:.]?\s*([01]\d|2[0-3]|\d)\s*[:.]?\s*([0-5]\d)(?!\d)",
    re.IGNORECASE,
)
_FIX = str.maketrans("OIl", "011")


def _clean_report_no(raw: str) -> str:
    parts = [p.strip() for p in raw.split("/")]
    parts = [parts[0], *[p.translate(_FIX) for p in parts[1:]]]
    return "/".join(parts)


def report_number(dt: DocText) -> Field | None:
    for m in LABELLED.finditer(dt.text):
        inner = REPORT_NO.search(m[1].upper())
        if inner:
            start = m.start(1) + inner.start()
            return dt.field(_clean_report_no(dt.text[start : start + len(inner[0])]), start,
                            start + len(inner[0]), 0.95)  # fmt: skip
    bare = REPORT_NO.search(dt.text)
    if bare:
        return dt.field(_clean_report_no(bare[0]), bare.start(), bare.end(), 0.75)
    return None


def station(dt: DocText) -> Field | None:
    m = STATION.search(dt.text)
    if not m:
        return None
    name = re.sub(r"^(BALAI\s+POLIS|IPD)\s+", "", " ".join(m[1].split()).upper())
    return dt.field(name, m.start(1), m.end(1), 0.8)


def report_time(dt: DocText) -> Field | None:
    m = TIME.search(dt.text)
    return dt.field(f"{int(m[1]):02d}:{m[2]}", m.start(1), m.end(2), 0.8) if m else None


# "suami/isteri saya AHMAD BIN ALI sedang menunggang": a relative reports for the insured
VICTIM = re.compile(
    r"\b(?:SUAMI|ISTERI|SUAMI\s*/\s*ISTERI|ANAK|BAPA|IBU)\s+SAYA\s*,?\s+"
    r"([A-Z][A-Z@'/. -]{2,60}?)(?=\s+(?:SEDANG|TELAH|YANG|TERJATUH|DAN|PADA)\b|\s*[.,])",
)


def victim_name(dt: DocText) -> Field | None:
    """The insured named in the statement when a relative lodged the report."""
    m = VICTIM.search(dt.text.upper())
    if not m:
        return None
    name = " ".join(dt.text[m.start(1) : m.end(1)].split())
    return dt.field(name, m.start(1), m.end(1), 0.8)
