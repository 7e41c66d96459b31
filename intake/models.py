"""Plain data that crosses intake's boundary: pages, words, documents, fields.

Everything here is a dataclass or a str enum so it pickles across RQ and
serialises to the report's ``documents[]`` shape (spec section 3).
Coordinates are pixels of the page as stored in the original file (before any
rotation intake applied), at ``Page.dpi``.

One serializer: ``to_dict``/``from_dict`` over each class's declared fields, JSON-able
(docTR's export tree is the model: a page holds its words, a reading holds its pages and
documents). The page cache, the stored reading of a claim's file and the archive's
documents all use it. ``extra`` holds a module's own notes; no other module reads it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from enum import Enum, StrEnum
from typing import Any, TypeVar

T = TypeVar("T")

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

    def to_dict(self) -> dict[str, Any]:
        return plain(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Word:
        return declared(cls, {**data, "bbox": bbox_of(data.get("bbox")) or (0, 0, 0, 0)})


@dataclass
class CombRead:
    """A row of comb boxes read on the page (intake.comb): its boxes and how it was read."""

    boxes: int
    method: str  # "line" (the row as one stripped line) or "cells" (cell by cell)
    # the hand-written digits recogniser's part (intake.combhand): "" none, "sure" its digits kept
    # as sure, "agreed" kept as another reading on the page agreed, "dropped" left out
    hand: str = ""
    completed: str = ""  # "dropped": the value as the recogniser completed it, left out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CombRead:
        return declared(cls, data)


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
    reason: str | None = None  # why it reads as it does: "blank", "faint"... (verifier.i18n)
    barcodes: list[str] = field(default_factory=list)  # a separator sheet's codes (intake.split)
    media_type: str = ""  # the file's type as sniffed (intake.files), e.g. "application/pdf"
    kind: str = ""  # how a scan was read: "page", "card" or "receipt" (intake.scan)
    steps: list[str] = field(default_factory=list)  # its clean-up steps (intake.scan.prepare)
    combs: list[CombRead] = field(default_factory=list)  # comb-box rows read (intake.comb)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self, max_words: int | None = None) -> dict[str, Any]:
        """The page as JSON; with ``max_words``, as a viewer draws it: at most that many words,
        none blank, boxes to a tenth of a pixel (a stored reading, not the page cache). The
        ``cost`` is one reading's account, not the page's: left out, and a loaded page starts
        a fresh one (a page from the cache carries the cost of the look-up)."""
        out: dict[str, Any] = plain(self)
        out.pop("cost", None)
        if max_words is not None:
            words = [w for w in out["words"] if w["text"].strip()][:max_words]
            out["words"] = [{**w, "bbox": [round(v, 1) for v in w["bbox"]]} for w in words]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Page:
        return declared(
            cls,
            {
                **data,
                "words": [Word.from_dict(w) for w in data.get("words") or []],
                "source": PageSource(data.get("source") or PageSource.OCR),
                "cost": PageCost(),
                "combs": [CombRead.from_dict(c) for c in data.get("combs") or []],
            },
        )


@dataclass
class Field:
    """One extracted value with the evidence it came from."""

    value: Any
    page: int  # 1-based page of the file
    bbox: BBox | None = None
    confidence: float = 1.0
    raw: str = ""  # the words as printed

    def to_dict(self) -> dict[str, Any]:
        return plain(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Field:
        return declared(cls, {**data, "bbox": bbox_of(data.get("bbox"))})


@dataclass
class Person:
    """Somebody a document names who is not the insured: the employer's certifying officer,
    a witness, the doctor, the informant... (roles: intake/lexicon.yml)."""

    role: str
    name: str | None = None
    ic_number: str | None = None  # YYMMDD-PB-###G
    page: int = 1

    def to_dict(self) -> dict[str, Any]:
        return plain(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Person:
        return declared(cls, data)

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
    corrected: list[str] = field(default_factory=list)  # fields an officer set (semak)

    def to_dict(self) -> dict[str, Any]:
        return plain(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        try:
            doc_type = DocType(data.get("doc_type") or DocType.OTHER)
        except ValueError:
            doc_type = DocType.OTHER
        return declared(
            cls,
            {
                **data,
                "doc_type": doc_type,
                "fields": {k: Field.from_dict(v) for k, v in (data.get("fields") or {}).items()},
                "dates": {k: Field.from_dict(v) for k, v in (data.get("dates") or {}).items()},
                "people": [Person.from_dict(p) for p in data.get("people") or []],
            },
        )

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


def plain(value: Any) -> Any:
    """A dataclass (its declared fields), list, dict, enum or date as JSON-able values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def declared(cls: type[T], data: dict[str, Any]) -> T:
    """``cls`` from the keys of ``data`` it declares (unknown keys are ignored, missing ones
    take their defaults: data stored by an older version still loads)."""
    assert dataclasses.is_dataclass(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


def bbox_of(value: Any) -> BBox | None:
    if not value:
        return None
    return (float(value[0]), float(value[1]), float(value[2]), float(value[3]))
