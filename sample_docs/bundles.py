"""Build a bundle from a scenario (documents, files, truth) and write it to a folder."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sample_docs import assemble, families, package
from sample_docs.dates import fmt
from sample_docs.expected import Claim, TruthDoc, add_months, expected_report
from sample_docs.model import Bundle, Doc, FileSpec, PageShot, Story, child_rng
from sample_docs.scenarios import Scenario
from sample_docs.story import make_story
from sample_docs.writers import doc_sheets, file_bytes

TEXT_TYPES = ("medical_certificate", "wage_statement", "medical_report")


def _submitted_after(scn: Scenario, rng: random.Random) -> int:
    if scn.claim_type == "job_loss":
        return 75 if scn.defect == "time_barred" else rng.randint(10, 50)
    if scn.defect == "time_barred":
        return 365 + rng.randint(25, 70)
    if scn.claim_type == "permanent_disablement":
        return rng.randint(90, 250)
    return rng.randint(15, 60)


def _story(scn: Scenario, seed: int, rng: random.Random) -> Story:
    acc = date(2025, 1, 6) + timedelta(days=rng.randint(0, 560))
    claim_id = f"C-{acc.year}-{rng.randint(1000, 9999)}"
    story = make_story(
        rng, claim_id, scn.claim_type, scn.kind, acc, _submitted_after(scn, rng), scn.employed
    )
    if scn.defect == "invalid_ic":
        story.insured.ic = story.claim_ic = assemble.invalid_ic(story.insured.ic, rng)
    if scn.defect == "late_report":
        story.notified_date = acc + timedelta(days=rng.randint(3, 6))
    if scn.defect == "date_notified_before":
        story.notified_date = acc - timedelta(days=rng.randint(1, 3))
    if scn.claimant:
        story.claimant = assemble.claimant_for(story, rng)
    if not scn.employed:
        story.extras["left_on_text"] = fmt(acc - timedelta(days=rng.randint(20, 90)), "dmy_slash")
    return story


def _docs(scn: Scenario, story: Story, rng: random.Random, frng: random.Random) -> list[Doc]:
    ct = scn.claim_type
    if ct == "temporary_disablement":
        docs = assemble.td_docs(story, rng, scn.legacy, scn.defect)
    elif ct == "occupational_disease":
        docs = assemble.od_docs(story, rng, scn.legacy, scn.with_mc, scn.defect)
    elif ct == "permanent_disablement":
        docs = assemble.pd_docs(story, rng, scn.defect)
        mc_end = max(
            date.fromisoformat(d.fields["dates"]["mc_end"])
            for d in docs
            if d.doc_type == "medical_certificate"
        )
        drafted = story.submitted_on
        story.submitted_on = (
            add_months(mc_end, 12) + timedelta(days=rng.randint(10, 40))
            if scn.defect == "time_barred"
            else mc_end + timedelta(days=rng.randint(40, 200))
        )
        for d in docs:  # documents signed for the application follow the new date
            if d.doc_type in ("permanent_disablement_application", "medical_report"):
                d.fields["dates"]["document_date"] = (
                    story.submitted_on - timedelta(days=rng.randint(2, 9))
                ).isoformat()
            printed = d.fields.get("dates", {}).get("document_date")
            if d.doc_type == "bank_statement" and printed:
                # A statement printed for the first draft date must not postdate the real one
                # (an unintended DATE_INCONSISTENT); the same days before it, no new draw.
                when = date.fromisoformat(printed)
                if when > story.submitted_on:
                    when = story.submitted_on - (drafted - when)
                    d.fields["dates"]["document_date"] = when.isoformat()
    elif ct in assemble.DEATH_TYPES:
        docs = assemble.death_docs(story, rng, scn.defect)
    else:
        docs = assemble.other_docs(story, rng, scn.defect)
    docs = assemble.apply_defect(story, docs, scn.defect, rng)
    if scn.family:  # drawn from its own stream: the classic bundles keep their bytes
        families.apply(docs, story, families.CHOICES[scn.family], frng)
    for d in docs:
        d.n_pages = len(doc_sheets(d, story))
    return docs


def _files(
    scn: Scenario, docs: list[Doc], rng: random.Random, namer: package.Namer
) -> list[FileSpec]:
    sev, p = scn.severity, scn.packaging
    if p == "stack" or p == "rotated":
        ic = [d for d in docs if d.doc_type == "mykad"]
        rest = [d for d in docs if d.doc_type != "mykad"]
        files = package.separate(ic, sev, rng, namer) if ic else []
        return [*files, package.stack(rest, sev, rng, namer, rotate_some=p == "rotated")]
    if p == "fax":
        forms = [
            d
            for d in docs
            if d.doc_type.startswith("form_")
            or d.doc_type in ("attendance_record", "wage_statement")
        ]
        if not forms:  # no form, no payroll (job loss): the letters go through the fax
            forms = [d for d in docs if d.doc_type != "mykad"]
        rest = [d for d in docs if d not in forms]
        return [package.fax(forms, sev, rng, namer), *package.separate(rest, sev, rng, namer)]
    if p == "photos":
        return package.photos(docs, sev, rng, namer)
    text = TEXT_TYPES if p == "textpdf" else ()
    if p == "textpdf":
        for d in docs:
            if d.doc_type == "medical_certificate":
                d.layout, d.lang = 2, "en"
    return package.separate(docs, sev, rng, namer, text)


def _extras(
    scn: Scenario, files: list[FileSpec], docs: list[Doc], rng: random.Random, namer: package.Namer
) -> list[tuple[str, str]]:
    dups: list[tuple[str, str]] = []
    if scn.defect == "unreadable":
        bad = Doc("unreadable", "other", 0, {}, unreadable=True)
        mode = rng.choice(("black", "noise"))
        files.insert(
            rng.randrange(len(files) + 1),
            FileSpec(
                namer.photo(),
                "jpg",
                [bad],
                [[PageShot("harsh", 0, 150, mode, rng.randrange(2**31))]],
            ),
        )
    if scn.defect in ("duplicate_file", "duplicate_rescan"):
        singles = [f for f in files if len(f.docs) == 1 and not f.docs[0].unreadable]
        mcs = [f for f in singles if f.docs[0].doc_type == "medical_certificate"]
        orig = (mcs or singles or files)[0]
        if scn.defect == "duplicate_file":
            stem, ext = orig.name.rsplit(".", 1)
            copy = FileSpec(
                namer.unique(f"{stem} (1).{ext}"),
                orig.kind,
                orig.docs,
                orig.shots,
                copy_of=orig.name,
            )
        else:
            doc = orig.docs[0]
            shot = package.shots_for(doc, doc.n_pages, "mild", rng, "photo")
            kind, name = (
                ("jpg", namer.photo()) if doc.n_pages == 1 else ("pdf_scan", namer.scan_name())
            )
            copy = FileSpec(name, kind, [doc], [shot])
        files.append(copy)
        dups.append((orig.name, copy.name))
    return dups


def build(scn: Scenario, seed: int) -> Bundle:
    rng = child_rng(seed, scn.name)
    story = _story(scn, seed, rng)
    docs = _docs(scn, story, rng, child_rng(seed, scn.name, "family"))
    namer = package.Namer(rng)
    files = _files(scn, docs, rng, namer)
    rng.shuffle(files)
    dups = _extras(scn, files, docs, rng, namer)
    bundle = Bundle(scn.name, scn.purpose, story, files, scn.defect, scn.severity, dups)
    bundle.family = scn.family
    return bundle


def claim_json(b: Bundle) -> dict[str, Any]:
    s = b.story
    ic = s.claim_ic if len(s.claim_id) % 2 else s.claim_ic.replace("-", "")
    out: dict[str, Any] = {
        "claim_id": s.claim_id,
        "claim_type": s.claim_type,
        "insured_name": s.insured.name,
        "insured_ic": ic,
        "accident_date": s.accident_date.isoformat(),
        "accident_time": s.accident_time,
        "accident_kind": s.accident_kind,
        "employment_status": s.employment_status,
        "submitted_on": s.submitted_on.isoformat(),
        "employer_name": s.employer.name,
        "employer_code": s.employer.code,
    }
    if s.claimant is not None:
        out.update(
            claimant_name=s.claimant.name, claimant_ic=s.claimant.ic, claimant_relationship="spouse"
        )
    return out


def _truth_doc(f: FileSpec, doc: Doc, pages: list[int], dup: str | None) -> TruthDoc:
    role = doc.data.get("role", "insured")
    fields = {} if role != "insured" or doc.unreadable else dict(doc.fields)
    return TruthDoc(
        f.name,
        pages,
        "other" if doc.unreadable else doc.doc_type,
        fields,
        not doc.unreadable,
        dup,
        bool(doc.data.get("other_person")),
        role,
    )


def write(b: Bundle, out: Path, only_json: bool = False) -> dict[str, Any]:
    """Write the bundle; returns its truth. ``only_json`` skips document files (fast checks)."""
    out.mkdir(parents=True, exist_ok=True)
    truth_docs, file_truth = [], []
    produced: dict[str, bytes] = {}
    dup_of = {copy: orig for orig, copy in b.duplicates}
    for f in b.files:
        data, counts = (
            (produced[f.copy_of], [d.n_pages for d in f.docs])
            if f.copy_of
            else ((b"", [d.n_pages for d in f.docs]) if only_json else file_bytes(f, b.story))
        )
        produced[f.name] = data
        if not only_json:
            (out / f.name).write_bytes(data)
        page = 1
        for doc, n, shots in zip(f.docs, counts, f.shots, strict=True):
            pages = list(range(page, page + n))
            page += n
            truth_docs.append(_truth_doc(f, doc, pages, dup_of.get(f.name)))
            file_truth.append(_doc_truth(f, doc, pages, shots))
    claim = claim_json(b)
    s = b.story
    report = expected_report(
        s.claim_id,
        Claim(
            s.claim_type,
            s.claim_ic,
            s.accident_date,
            s.accident_kind,
            s.employment_status,
            s.submitted_on,
            s.claimant is not None,
        ),
        truth_docs,
    )
    truth = {
        "bundle": b.name,
        **({"family": b.family} if b.family else {}),
        "purpose": b.purpose,
        "defect": b.defect,
        "severity": b.severity,
        "claim": claim,
        "insured": {"name": s.insured.name, "ic": s.insured.ic},
        "documents": file_truth,
        "duplicates": [{"original": o, "copy": c} for o, c in b.duplicates],
    }
    _dump(out / "claim.json", claim)
    _dump(out / "expected_report.json", report)
    _dump(out / "truth.json", truth)
    return truth


def _doc_truth(f: FileSpec, doc: Doc, pages: list[int], shots: list[PageShot]) -> dict[str, Any]:
    printed = {
        k: v
        for k, v in doc.data.items()
        if isinstance(v, str | int | float | list)
        and k not in ("seed", "body_ms", "body_en", "days", "lines")
    }
    return {
        "file": f.name,
        "format": f.kind,
        "pages": pages,
        "doc_type": "other" if doc.unreadable else doc.doc_type,
        "layout": doc.layout,
        **({"family": doc.data["family"]} if doc.data.get("family") else {}),
        "language": doc.lang,
        "date_style": doc.date_style,
        "readable": not doc.unreadable,
        "role": doc.data.get("role", "insured"),
        "fields": doc.fields,
        "other_people": doc.others,
        "printed": printed,
        "pages_capture": [
            {
                "page": p,
                "severity": sh.severity,
                "rotation": sh.rotation,
                "dpi": sh.dpi,
                "mode": sh.mode,
            }
            for p, sh in zip(pages, _pad(shots, len(pages)), strict=True)
        ],
    }


def _pad(shots: list[PageShot], n: int) -> list[PageShot]:
    return [shots[min(i, len(shots) - 1)] for i in range(n)]


def _dump(path: Path, obj: Any) -> None:
    path.write_text(
        json.dumps(obj, indent=2, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8"
    )
