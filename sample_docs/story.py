"""A claim's story: the insured, employer, accident, clinic, station, dates."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sample_docs.model import Story
from sample_docs.people import make_clinic, make_employer, make_person, make_station

DIAGNOSES = {
    "temporary_disablement": (
        "Fracture of the left radius",
        "Laceration wound right hand",
        "Sprain of the right ankle",
        "Contusion of the lower back",
    ),
    "permanent_disablement": (
        "Amputation of the right index finger",
        "Malunion fracture of the left tibia",
    ),
    "occupational_disease": (
        "Noise induced hearing loss",
        "Occupational asthma",
        "Contact dermatitis of both hands",
    ),
    "invalidity_pension": ("Chronic kidney disease stage 5", "Cerebrovascular accident"),
    "death": ("Multiple head injuries", "Severe chest injury"),
}
PLACES = (
    "JALAN BESAR {t}",
    "PERSIMPANGAN LAMPU ISYARAT {t}",
    "LEBUHRAYA KESAS ARAH {t}",
    "JALAN PERUSAHAAN {t}",
)


def make_story(
    rng: random.Random,
    claim_id: str,
    claim_type: str,
    kind: str | None,
    accident: date,
    submitted_after: int,
    employed: bool = True,
) -> Story:
    insured = make_person(rng, accident)
    employer = make_employer(rng, accident)
    clinic = make_clinic(rng, employer.town, employer.state, accident)
    station = make_station(rng, employer.town, employer.state, accident)
    key = (
        "death"
        if claim_type in ("dependants_benefit", "funeral_benefit", "survivors_pension")
        else claim_type
    )
    diagnosis = rng.choice(DIAGNOSES.get(key, DIAGNOSES["temporary_disablement"]))
    if kind == "workplace":
        place = f"KILANG {employer.name.split(' SDN')[0]}"
    else:
        place = rng.choice(PLACES).format(t=employer.town)
    time = (
        f"{rng.randint(6, 19):02d}:{rng.choice(('05', '15', '30', '40', '50'))}" if kind else None
    )
    story = Story(
        claim_id,
        claim_type,
        insured,
        employer,
        accident,
        time,
        kind,
        "employed" if employed else "left",
        accident + timedelta(days=submitted_after),
        clinic,
        station,
        place,
        insured.ic,
        notified_date=accident,
        diagnosis=diagnosis,
    )
    story.notified_date = accident + timedelta(days=rng.choice((0, 0, 1)))
    return story
