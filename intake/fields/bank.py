"""Bank account number (masked by Document.to_report_dict) and bank name."""

from __future__ import annotations

import re

from intake.fields.text import DocText
from intake.models import Field

ACCOUNT = re.compile(
    r"(?:NO\.?\s*AKAUN|NOMBOR\s*AKAUN|ACCOUNT\s*(?:NO|NUMBER)\.?|A/C\s*NO\.?)\s*[:.]?\s*"
    r"((?:\d[\d -]{6,22}\d))",
    re.IGNORECASE,
)
BANKS = (
    "MAYBANK", "MALAYAN BANKING", "CIMB", "PUBLIC BANK", "RHB", "BANK ISLAM", "BSN",
    "BANK SIMPANAN NASIONAL", "AMBANK", "HONG LEONG", "BANK RAKYAT", "AFFIN", "OCBC",
    "UOB", "HSBC", "STANDARD CHARTERED", "ALLIANCE BANK", "AGROBANK", "BANK MUAMALAT",
)  # fmt: skip
_BANK = re.compile(r"\b(" + "|".join(BANKS) + r")\b", re.IGNORECASE)


def bank_account(dt: DocText) -> Field | None:
    m = ACCOUNT.search(dt.text)
    if not m:
        return None
    digits = re.sub(r"\D", "", m[1])
    if not 8 <= len(digits) <= 20:
        return None
    f = dt.field(digits, m.start(1), m.end(1), 0.85)
    f.raw = mask_account(f.raw)  # evidence leaves the process too: never the full number
    return f


def mask_account(text: str) -> str:
    """All but the last four digits as ``*``."""
    digits = [i for i, c in enumerate(text) if c.isdigit()]
    hide = set(digits[:-4])
    return "".join("*" if i in hide else c for i, c in enumerate(text))


def bank_name(dt: DocText) -> Field | None:
    m = _BANK.search(dt.text)
    return dt.field(m[1].upper(), m.start(1), m.end(1), 0.8) if m else None
