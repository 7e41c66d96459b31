"""Fake intake output for the verifier's unit tests: documents without reading any file."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from intake.models import DocType, Document, Field
from intake.pipeline import FileResult
from verifier.claim import Claim
from verifier.engine import verify

ROOT = Path(__file__).resolve().parents[2]
SHARED_SPEC = ROOT.parent / "shared" / "spec"
IC = "870903-10-6231"
NAME = "MUHAMMAD HAFIZ BIN ISMAIL"
ACCIDENT = date(2026, 10, 2)
TODAY = date(2026, 11, 21)


def iso(d: date | str) -> str:
    return d if isinstance(d, str) else d.isoformat()


def doc(
    doc_type: str,
    file: str | None = None,
    pages: tuple[int, ...] = (1,),
    *,
    ic: str | None = IC,
    name: str | None = NAME,
    mc_days: int | None = None,
    readable: bool = True,
    sha: str = "",
    phash: tuple[str, ...] = (),
    **dates: date | str,
) -> Document:
    fields: dict[str, Field] = {}
    if ic is not None:
        fields["ic_number"] = Field(ic, pages[0], (10, 20, 200, 40), 0.9, ic)
    if name is not None:
        fields["name"] = Field(name, pages[0], (10, 50, 300, 70), 0.9, name)
    if mc_days is not None:
        fields["mc_days"] = Field(mc_days, pages[0], None, 0.9, str(mc_days))
    return Document(
        file=file or f"{doc_type}.jpg",
        pages=list(pages),
        doc_type=DocType(doc_type),
        confidence=0.9,
        fields=fields,
        dates={k: Field(iso(v), pages[0], (5, 5, 50, 15), 0.9, iso(v)) for k, v in dates.items()},
        readable=readable,
        file_sha256=sha,
        perceptual_hashes=list(phash),
    )


def mc(start: date, end: date, days: int | None = None, **kw: Any) -> Document:
    count = (end - start).days + 1 if days is None else days
    return doc(
        "medical_certificate", mc_start=start, mc_end=end, mc_days=count, document_date=start, **kw
    )


def complete_docs(
    claim_type: str = "temporary_disablement", accident: date = ACCIDENT
) -> list[Document]:
    """A bundle that satisfies every requirement of the claim type (workplace accident)."""
    later = accident + timedelta(days=1)
    per_type: dict[str, list[Document]] = {
        "temporary_disablement": [
            doc("form_34", notified_date=later, accident_date=accident, document_date=later),
            doc("mykad"),
            mc(accident, accident + timedelta(days=4)),
            doc("attendance_record"),
            doc("wage_statement"),
        ],
        "permanent_disablement": [
            doc("permanent_disablement_application"),
            doc("mykad"),
            doc("medical_report"),
            doc("form_34"),
            doc("wage_statement"),
            doc("bank_statement"),
        ],
        "occupational_disease": [doc("form_34")],
        "dependants_benefit": [
            doc("form_34"),
            doc("death_certificate", date_of_death=accident),
            doc("mykad"),
        ],
        "funeral_benefit": [
            doc("form_34"),
            doc("death_certificate", date_of_death=accident),
            doc("mykad"),
        ],
        "survivors_pension": [
            doc("form_34"),
            doc("death_certificate", date_of_death=accident),
            doc("mykad"),
        ],
        "invalidity_pension": [
            doc("form_34"),
            doc("medical_report"),
            doc("mykad"),
            doc("bank_statement"),
        ],
        "job_loss": [doc("termination_letter"), doc("mykad"), doc("bank_statement")],
    }
    return per_type[claim_type]


def claim_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "claim_id": "C-TEST-1",
        "claim_type": "temporary_disablement",
        "insured_name": NAME,
        "insured_ic": IC,
        "accident_date": ACCIDENT.isoformat(),
        "accident_kind": "workplace",
        "employment_status": "employed",
        "submitted_on": (ACCIDENT + timedelta(days=20)).isoformat(),
    }
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = iso(value) if isinstance(value, date) else value
    return data


def results_of(docs: list[Document]) -> list[FileResult]:
    """One FileResult per distinct file name, documents in order."""
    out: dict[str, FileResult] = {}
    for d in docs:
        out.setdefault(d.file, FileResult(d.file, d.file_sha256 or f"sha-{d.file}"))
        out[d.file].documents.append(d)
    return list(out.values())


def run(
    docs: list[Document], today: date = TODAY, results: list[FileResult] | None = None, **claim: Any
) -> dict[str, Any]:
    report = verify(
        Claim.from_dict(claim_data(**claim)),
        results or results_of(docs),
        today=today,
        ocr_engine="fake 1.0",
    )
    return report.to_dict()


def codes(report: dict[str, Any]) -> list[str]:
    return [f["code"] for f in report["findings"]]


def missing(report: dict[str, Any]) -> list[str]:
    return [r["doc_type"] for r in report["requirements"] if r["status"] == "missing"]
