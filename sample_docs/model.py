"""The ground truth that crosses the generator's modules: story, documents, files, bundles."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sample_docs.people import Clinic, Employer, Person, Station


@dataclass
class Story:
    """What happened: the claim behind a bundle, from which every document is drawn."""

    claim_id: str
    claim_type: str
    insured: Person
    employer: Employer
    accident_date: date
    accident_time: str | None
    accident_kind: str | None
    employment_status: str
    submitted_on: date
    clinic: Clinic
    station: Station
    place: str  # where the accident happened
    claim_ic: str = ""  # insured_ic as typed in claim.json (defaults to the person's)
    claimant: Person | None = None  # a family member for death claims
    notified_date: date | None = None
    diagnosis: str = ""
    extras: dict[str, Any] = field(default_factory=dict)


@dataclass
class Doc:
    """One logical document: its type, what it prints, and the data its layout needs."""

    key: str
    doc_type: str
    layout: int
    fields: dict[str, Any]  # report-shaped: ic_number, name, dates{}, mc_days, report_number
    data: dict[str, Any] = field(default_factory=dict)  # everything else a layout prints
    others: list[dict[str, str]] = field(default_factory=list)  # other people's ICs (traps)
    lang: str = "ms"
    date_style: str = "dmy_slash"
    unreadable: bool = False
    n_pages: int = 1


@dataclass
class PageShot:
    """How one page of a document was captured."""

    severity: str  # clean, mild, harsh
    rotation: int = 0  # degrees clockwise the page appears rotated in the file
    dpi: int = 200
    mode: str = "scan"  # scan, fax, photo, copy, textpdf, noise, black
    seed: int = 0


@dataclass
class FileSpec:
    name: str
    kind: str  # jpg, png, tiff, pdf_scan, pdf_text
    docs: list[Doc]
    shots: list[list[PageShot]]  # per document, per page
    copy_of: str | None = None  # byte-identical copy of another file of the bundle


@dataclass
class Bundle:
    name: str
    purpose: str
    story: Story
    files: list[FileSpec]
    defect: str = "none"
    severity: str = "mild"
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (original, copy) files
    extra_claim: dict[str, Any] = field(default_factory=dict)
    family: str = ""  # the --family the bundle was drawn with ("" classic)


def child_rng(seed: int, *parts: object) -> random.Random:
    """A random source derived from a seed and names, stable across runs and machines."""
    text = "|".join([str(seed), *map(str, parts)])
    h = 1469598103934665603
    for ch in text.encode():
        h = ((h ^ ch) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return random.Random(h)
