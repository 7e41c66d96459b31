"""Layout families (#20): independent ways of printing every document type.

Family ``A`` is the classic layouts of ``sample_docs/layouts`` (the committed catalogue uses
only them). ``B`` and ``C`` are tuned families drawn by ``--family tuned`` together with A.
``H`` is the HELD-OUT family: its own label wording (the third wording of every concept in
``wording.py``), Malay only, values in table cells or under their labels, URW fonts, comb boxes,
JPN long dates, "Muka surat n daripada m" cues. It is never in the committed bundles and no
test tunes on it; ``python -m sample_docs.generate --family heldout --count 100 --seed N``
draws a fresh held-out set.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from sample_docs.model import Doc, Story
from sample_docs.people import make_person

CLASSIC = "A"
TUNED = ("A", "B", "C")
HELDOUT = "H"
FAMILIES = (*TUNED, HELDOUT)
# --family values: one family, every tuned one, or the held-out one.
CHOICES = {"classic": ("A",), "tuned": TUNED, "heldout": (HELDOUT,), **{f: (f,) for f in FAMILIES}}
FORMS = ("form_34", "form_21", "form_10", "form_68", "form_69", "permanent_disablement_application")
# Which documents an optional person may appear on (domain.md 4.x: who signs what).
ROLE_TYPES = {
    "certifier": (*FORMS, "attendance_record", "wage_statement", "termination_letter"),
    "witness": ("form_34", "form_21", "police_report"),
    "doctor": ("medical_certificate", "medical_report", "form_34", "death_certificate"),
    "copy": ("mykad", "death_certificate", "bank_statement", "medical_certificate"),
}
GROUP = {"A": "tuned", "B": "tuned", "C": "tuned", "H": "heldout"}


@dataclass(frozen=True)
class Family:
    name: str
    langs: tuple[str, ...]  # language order of labels: Malay first, English first, one
    placements: tuple[str, ...]  # per section, cycled: right, under, table
    font: str
    bold: str
    value_font: str
    order: tuple[str, ...]  # section order of the forms
    sections_per_page: int  # forms and reports break into pages after this many sections
    date_styles: tuple[str, ...]
    comb: bool  # one digit per box for the IC and dates (Borang 34, 21, FHUK)
    hand: float  # chance a form is filled in by hand
    optional: tuple[str, ...]  # optional people: certifier, witness, doctor, copy
    running_header: bool


STYLES: dict[str, Family] = {
    "B": Family(
        "B", ("ms", "en"), ("right",), "dejavu", "dejavu-b", "dejavu",
        ("insured", "event", "employer", "witness", "certifier", "declaration"),
        3, ("long_ms", "hb_ms", "dmy_slash"), False, 0.5,
        ("certifier", "witness", "copy"), False,
    ),
    "C": Family(
        "C", ("en", "ms"), ("under", "right"), "serif", "serif-b", "serif",
        ("employer", "insured", "event", "certifier", "witness", "declaration"),
        2, ("long_en", "long_en_mdy", "dmy_dash"), False, 0.0,
        ("certifier", "doctor", "copy"), True,
    ),
    "H": Family(
        "H", ("ms",), ("table", "under"), "gothic", "gothic-b", "bookman",
        ("insured", "employer", "event", "witness", "certifier", "declaration"),
        3, ("jpn_upper", "hb_dot_ms", "long_ms_upper", "dmy_dot"), True, 0.4,
        ("certifier", "witness", "doctor", "copy"), True,
    ),
}  # fmt: skip


def apply(docs: list[Doc], story: Story, choice: tuple[str, ...], rng: random.Random) -> None:
    """Give each document a family from ``choice`` and draw what that family adds (its own date
    style, the optional people). Draws only from ``rng``, so the classic stream is untouched;
    a classic (A) document is left exactly as it was."""
    for doc in docs:
        fam = rng.choice(choice)
        if fam == CLASSIC:
            continue
        style = STYLES[fam]
        doc.data["family"] = fam
        doc.date_style = rng.choice(style.date_styles)
        doc.data["hand"] = rng.random() < style.hand
        for role in style.optional:
            forced = role == "certifier" and doc.doc_type in FORMS
            if (rng.random() < 0.6 or forced) and doc.doc_type in ROLE_TYPES[role]:
                _add_person(doc, story, role, rng)


def _add_person(doc: Doc, story: Story, role: str, rng: random.Random) -> None:
    if role == "certifier" and story.employer.officer is not None:
        officer = story.employer.officer
        job = rng.choice(("Pengurus Sumber Manusia", "Eksekutif HR", "Pengurus", "Penyelia"))
        doc.data["certifier"] = {"name": officer.name, "position": job}
        doc.others.append({"role": "employer certifier", "name": officer.name})
    elif role == "witness" and "witness" not in doc.data:
        w = make_person(rng, story.accident_date, age=(22, 55))
        doc.data["witness"] = {"name": w.name, "ic": w.ic}
        doc.others.append({"role": "witness", "ic_number": w.ic, "name": w.name})
    elif role == "doctor":
        doc.data["doctor"] = {"name": story.clinic.doctor, "mmc": f"{rng.randint(20000, 79999)}"}
        doc.others.append({"role": "doctor", "name": story.clinic.doctor})
    elif role == "copy":
        c = make_person(rng, story.submitted_on, age=(28, 58))
        doc.data["copy_by"] = {
            "name": c.name,
            "position": rng.choice(("Pegawai Eksekutif", "Penolong Pegawai Tadbir", "Guru Besar")),
        }
        doc.others.append({"role": "copy certifier", "name": c.name})
