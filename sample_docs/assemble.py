"""Which documents a bundle holds, per claim type, and the one defect applied to them."""

from __future__ import annotations

import random
from calendar import monthrange
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from sample_docs.content import make_doc, make_mc
from sample_docs.model import Doc, Story
from sample_docs.people import Person, make_person

DEATH_TYPES = ("dependants_benefit", "funeral_benefit", "survivors_pension")


def invalid_ic(ic: str, rng: random.Random) -> str:
    """The same number with an impossible birth date or an unassigned place-of-birth code."""
    d = ic.replace("-", "")
    if rng.random() < 0.5:
        d = d[:6] + rng.choice(("17", "19", "70", "96")) + d[8:]
    else:
        d = d[:2] + "02" + "30" + d[6:]  # 30 February
    return f"{d[:6]}-{d[6:8]}-{d[8:]}"


def other_ic(ic: str, rng: random.Random) -> str:
    """A valid number for the same person with a slip in the serial (a typing error)."""
    d = ic.replace("-", "")
    serial = d[8:11]
    new = serial
    while new == serial:
        new = f"{rng.randint(0, 999):03d}"
    return f"{d[:6]}-{d[6:8]}-{new}{d[11]}"


def _mcs(story: Story, rng: random.Random, defect: str) -> list[Doc]:
    acc = story.accident_date
    if defect == "mc_too_short":
        return [make_mc(story, "mc1", rng, acc + timedelta(days=rng.choice((0, 1))), 2)]
    start = acc + timedelta(days=rng.choice((0, 0, 1)))
    first = rng.randint(4 if start == acc else 3, 5)
    if defect == "date_mc_before_accident":
        start, first = acc - timedelta(days=2), rng.randint(6, 8)
    printed = first + 1 if defect == "date_mc_days" else None
    mcs = [make_mc(story, "mc1", rng, start, first, printed)]
    if rng.random() < 0.5 or defect in ("duplicate_file", "duplicate_rescan", "date_mc_reversed"):
        mcs.append(make_mc(story, "mc2", rng, start + timedelta(days=first), rng.randint(3, 7)))
    if defect == "date_mc_reversed":
        # The follow-up MC's end written a month early (the doctor's slip): it ends before it
        # starts. The first MC alone gives 4 days with the accident day, so R03 still holds.
        dates = mcs[-1].fields["dates"]
        end = date.fromisoformat(dates["mc_end"])
        y, m = (end.year, end.month - 1) if end.month > 1 else (end.year - 1, 12)
        early = end.replace(year=y, month=m, day=min(end.day, monthrange(y, m)[1]))
        dates["mc_end"] = early.isoformat()  # 28 days or more before an MC of 7 days at most
    return mcs


def td_docs(story: Story, rng: random.Random, legacy: bool, defect: str) -> list[Doc]:
    docs = []
    notice: dict[str, Any] = {}
    if defect == "date_accident_differs":  # the day before: notified stays within 48 h of both
        notice = {"accident_date": story.accident_date - timedelta(days=1)}
    if legacy:
        docs += [
            make_doc(story, "form_21", "f21", rng, **notice),
            make_doc(story, "form_10", "f10", rng),
        ]
    else:
        docs.append(make_doc(story, "form_34", "f34", rng, **notice))
    docs.append(make_doc(story, "mykad", "ic", rng))
    docs += _mcs(story, rng, defect)
    kw: dict[str, Any] = {}
    if defect == "date_after_submission":
        kw = {"document_date": story.submitted_on + timedelta(days=5)}
        docs.append(make_doc(story, "attendance_record", "att", rng, layout=1, **kw))
    else:
        docs.append(make_doc(story, "attendance_record", "att", rng))
    docs.append(make_doc(story, "wage_statement", "wage", rng))
    if story.accident_kind == "commuting":
        kw = {}
        if defect == "date_police_before":
            kw = {"document_date": story.accident_date - timedelta(days=1)}
        docs.append(make_doc(story, "police_report", "pol", rng, **kw))
        docs.append(make_doc(story, "sketch_map", "map", rng))
    return docs


def od_docs(
    story: Story, rng: random.Random, legacy: bool, with_mc: bool, defect: str
) -> list[Doc]:
    kw: dict[str, Any] = {}
    if defect == "date_accident_differs":
        kw = {"accident_date": story.accident_date - timedelta(days=rng.randint(20, 60))}
    if legacy:
        t = "form_68" if story.employment_status == "employed" else "form_69"
        docs = [make_doc(story, t, "od", rng, **kw)]
    else:
        docs = [make_doc(story, "form_34", "f34", rng, **kw)]
    docs.append(make_doc(story, "mykad", "ic", rng))
    if with_mc:
        docs.append(make_mc(story, "mc1", rng, story.accident_date, rng.randint(3, 7)))
        if legacy:
            docs.append(make_doc(story, "form_10", "f10", rng))
    docs.append(make_doc(story, "medical_report", "mr", rng))
    return docs


def pd_docs(story: Story, rng: random.Random, defect: str) -> list[Doc]:
    kw: dict[str, Any] = {}
    if defect == "date_accident_differs":
        kw = {"accident_date": story.accident_date - timedelta(days=rng.randint(20, 60))}
    docs = [
        make_doc(story, "permanent_disablement_application", "fhuk", rng),
        make_doc(story, "mykad", "ic", rng),
        make_doc(story, "medical_report", "mr", rng, **kw),
        make_doc(story, "form_34", "f34", rng),
        make_mc(story, "mc1", rng, story.accident_date, rng.randint(14, 30)),
        make_doc(story, "wage_statement", "wage", rng),
        make_doc(story, "bank_statement", "bank", rng),
    ]
    return docs


def death_docs(story: Story, rng: random.Random, defect: str = "none") -> list[Doc]:
    kw: dict[str, Any] = {}
    if defect == "date_accident_differs":  # Borang 34 prints another date of death
        kw = {"accident_date": story.accident_date - timedelta(days=rng.randint(2, 9))}
    docs = [
        make_doc(story, "form_34", "f34", rng, **kw),
        make_doc(story, "death_certificate", "dc", rng),
        make_doc(story, "mykad", "ic", rng),
    ]
    if story.claim_type == "dependants_benefit" and story.accident_kind == "commuting":
        docs.append(make_doc(story, "police_report", "pol", rng, complainant_is_insured=False))
    if story.claimant is not None:
        c = make_doc(story, "mykad", "ic_claimant", rng, person=story.claimant)
        c.data["role"] = "claimant"
        docs.append(c)
    docs.append(make_doc(story, "bank_statement", "bank", rng))
    return docs


def other_docs(story: Story, rng: random.Random, defect: str) -> list[Doc]:
    if story.claim_type == "invalidity_pension":
        kw: dict[str, Any] = {}
        if defect == "date_accident_differs":
            kw = {"accident_date": story.accident_date - timedelta(days=rng.randint(20, 60))}
        return [
            make_doc(story, "form_34", "f34", rng),
            make_doc(story, "medical_report", "mr", rng, **kw),
            make_doc(story, "mykad", "ic", rng),
            make_doc(story, "bank_statement", "bank", rng),
        ]
    return [
        make_doc(story, "termination_letter", "term", rng),
        make_doc(story, "mykad", "ic", rng),
        make_doc(story, "bank_statement", "bank", rng),
    ]


IC_TARGETS = (
    "medical_certificate",
    "form_34",
    "form_10",
    "medical_report",
    "termination_letter",
    "mykad",
)
NAME_TARGETS = (
    "wage_statement",
    "bank_statement",
    "medical_report",
    "medical_certificate",
    "attendance_record",
    "termination_letter",
)


def _pick(docs: list[Doc], order: tuple[str, ...], ok: Callable[[Doc], bool]) -> Doc:
    """The first document of the first type in ``order`` that passes ``ok``."""
    for t in order:
        for d in docs:
            if d.doc_type == t and d.data.get("role", "insured") == "insured" and ok(d):
                return d
    raise ValueError("no document to carry the defect")


def apply_defect(story: Story, docs: list[Doc], defect: str, rng: random.Random) -> list[Doc]:
    """Person and removal defects that act on finished documents."""
    if defect.startswith("missing:"):
        target = defect.split(":", 1)[1]
        role = "claimant" if target == "mykad_claimant" else "insured"
        t = "mykad" if target == "mykad_claimant" else target
        kept = [d for d in docs if d.doc_type != t or d.data.get("role", "insured") != role]
        if len(kept) == len(docs):
            raise ValueError(f"no {target} to remove")
        docs = kept  # all of them: a second MC alone would still satisfy the requirement
    elif defect == "ic_mismatch":
        d = _pick(docs, IC_TARGETS, lambda x: bool(x.fields.get("ic_number")))
        d.fields["ic_number"] = other_ic(d.fields["ic_number"], rng)
    elif defect == "name_mismatch":
        other = _pick(docs, NAME_TARGETS, lambda x: x.doc_type != "mykad")
        p = make_person(rng, story.accident_date, race=story.insured.race)
        while p.name == story.insured.name:
            p = make_person(rng, story.accident_date, race=story.insured.race)
        other.fields["name"] = p.name
        other.fields.pop("ic_number", None)
        other.data["other_person"] = True
    return docs


def claimant_for(story: Story, rng: random.Random) -> Person:
    p = story.insured
    return make_person(rng, story.accident_date, race=p.race, male=not p.male, age=(25, 60))
