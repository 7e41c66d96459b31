"""Plain data that crosses intake's boundary: pages, words, documents, fields.

Everything here is a dataclass or a str enum so it pickles across RQ and
serialises to the report's ``documents[]`` shape (spec section 3).
Coordinates are pixels of the page as stored in the original file (before any
rotation intake applied), at ``Page.dpi``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

BBox = tuple[float, float, float, float]  # x0, y0, x1, y1


class DocType(StrEnum):
    MYKAD = "mykad"
    MEDICAL_CERTIFICATE = "medical_certificate"
    MEDICAL_REPORT = "medical_report"
    POLICE_REPORT = "police_report"
    SKETCH_MAP = "sketch_map"
    FORM_34 = "form_34"
    FORM_21 = "form_21"
    FORM_10 = "form_10"
    FORM_68 = "form_68"
    FORM_69 = "form_69"
    PERMANENT_DISABLEMENT_APPLICATION = "permanent_disablement_application"
    WAGE_STATEMENT = "wage_statement"
    ATTENDANCE_RECORD = "attendance_record"
    BANK_STATEMENT = "bank_statement"
    DEATH_CERTIFICATE = "death_certificate"
    TERMINATION_LETTER = "termination_letter"
    OTHER = "other"


class PageSource(StrEnum):
    TEXT_LAYER = "text_layer"
    OCR = "ocr"
    NONE = "none"  # the page could not be read at all (see Page.error)


# Keys of the report's ``fields.dates`` (spec section 3).
DATE_KEYS = (
    "document_date",
    "accident_date",
    "mc_start",
    "mc_end",
    "notified_date",
    "date_of_death",
)


RECOGNITION = ("ocr", "osd")  # step names of the Tesseract calls (before the ":<phase>")


@dataclass
class PageCost:
    """Seconds spent reading one page, per step: ``cpu`` (this process's CPU time, robust on a
    shared machine) and ``wall``. Keys: render, decode, hash, blank, prepare, first, second,
    card, comb, barcode, phash, layer, cache, other; ocr:<phase> and osd:<phase>."""

    cpu: dict[str, float] = field(default_factory=dict)
    wall: dict[str, float] = field(default_factory=dict)

    def add(self, name: str, cpu: float, wall: float) -> None:
        self.cpu[name] = self.cpu.get(name, 0.0) + cpu
        self.wall[name] = self.wall.get(name, 0.0) + wall

    @property
    def total_cpu(self) -> float:
        return sum(self.cpu.values())

    @property
    def total_wall(self) -> float:
        return sum(self.wall.values())

    @property
    def recognition_cpu(self) -> float:
        """CPU seconds inside Tesseract (OCR and OSD, every pass)."""
        return sum(v for k, v in self.cpu.items() if is_recognition(k))


def is_recognition(key: str) -> bool:
    return key.split(":", 1)[0] in RECOGNITION


@dataclass
class Word:
    text: str
    bbox: BBox
    confidence: float  # 0..1
    line: int = 0  # index of the line on its page, reading order
    block: int = 0
    origin: str = ""  # "" the page's OCR or text layer; "comb": read box by box (intake.comb)


@dataclass
class Page:
    file: str  # the uploaded name, exactly as given
    number: int  # 1-based page of that file
    text: str
    words: list[Word] = field(default_factory=list)
    width: int = 0
    height: int = 0
    dpi: int = 300
    source: PageSource = PageSource.OCR
    rotation: int = 0  # degrees clockwise applied to make the page upright
    skew: float = 0.0  # degrees of deskew applied
    mean_confidence: float = 0.0  # 0..1
    quality: float = 0.0  # 0..1; below intake's threshold the page is unreadable
    readable: bool = True
    error: str | None = None  # stable error code when the page could not be read
    content_hash: str = ""  # sha256 of the page's pixels or text
    perceptual_hash: str | None = None  # imagehash phash, for second scans of one paper
    blank: bool = False
    # the engine that read the page, e.g. "tesseract 5.3.0 (in-process)" or "... (cli)";
    # "" where no OCR ran (a text layer, a blank page, a page that could not be read)
    ocr_engine: str = ""
    # where this reading's time went, per step (intake.cost; bench/cost.py); a page served
    # from the cache carries the cost of the look-up, not of the first reading
    cost: PageCost = field(default_factory=PageCost)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Field:
    """One extracted value with the evidence it came from."""

    value: Any
    page: int  # 1-based page of the file
    bbox: BBox | None = None
    confidence: float = 1.0
    raw: str = ""  # the words as printed


@dataclass
class Person:
    """Somebody a document names who is not the insured: the employer's certifying officer,
    a witness, the doctor, the informant... (roles: intake/lexicon.yml)."""

    role: str
    name: str | None = None
    ic_number: str | None = None  # YYMMDD-PB-###G
    page: int = 1

    def to_report_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"role": self.role}
        if self.name:
            out["name"] = self.name
        if self.ic_number:
            out["ic_number"] = self.ic_number
        return out


@dataclass
class Document:
    """One logical document: some pages of one file, with its type and fields."""

    file: str
    pages: list[int]
    doc_type: DocType = DocType.OTHER
    confidence: float = 0.0
    fields: dict[str, Field] = field(default_factory=dict)  # ic_number, name, mc_days, ...
    dates: dict[str, Field] = field(default_factory=dict)  # keys from DATE_KEYS
    readable: bool = True
    file_sha256: str = ""
    perceptual_hashes: list[str] = field(default_factory=list)
    text: str = ""  # the document's text, pages joined
    page_engines: list[str] = field(default_factory=list)  # Page.ocr_engine of each of pages
    extra: dict[str, Any] = field(default_factory=dict)
    people: list[Person] = field(default_factory=list)  # named, not the insured

    def field_value(self, key: str) -> Any:
        f = self.fields.get(key)
        return None if f is None else f.value

    def date_value(self, key: str) -> str | None:
        f = self.dates.get(key)
        return None if f is None else str(f.value)

    def to_report_dict(self) -> dict[str, Any]:
        """The report's ``documents[]`` entry (spec section 3), plus evidence."""
        fields: dict[str, Any] = {
            k: f.value for k, f in self.fields.items() if k in REPORT_FIELD_KEYS
        }
        if self.dates:
            fields["dates"] = {k: str(f.value) for k, f in self.dates.items()}
        evidence = {
            k: {
                "page": f.page,
                "bbox": list(f.bbox) if f.bbox else None,
                "confidence": round(f.confidence, 3),
                "raw": f.raw,
            }
            for k, f in {**self.fields, **{f"dates.{k}": v for k, v in self.dates.items()}}.items()
        }
        out: dict[str, Any] = {
            "file": self.file,
            "pages": list(self.pages),
            "doc_type": str(self.doc_type),
            "confidence": round(max(0.0, min(1.0, self.confidence)), 3),
            "fields": fields,
            "readable": self.readable,
            "page_engines": [e or None for e in self.page_engines],
            "evidence": evidence,
            "extra_fields": {
                k: _public(k, f.value) for k, f in self.fields.items() if k not in REPORT_FIELD_KEYS
            },
        }
        if self.people:
            out["people"] = [p.to_report_dict() for p in self.people]
        return out


# Field keys the spec defines inside ``fields``; others go to ``extra_fields``.
REPORT_FIELD_KEYS = ("ic_number", "name", "mc_days", "report_number")


def _public(key: str, value: Any) -> Any:
    """Mask values that must never leave in full (bank account numbers)."""
    if key == "bank_account" and isinstance(value, str) and len(value) > 4:
        return "*" * (len(value) - 4) + value[-4:]
    return value
