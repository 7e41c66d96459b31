"""The real JPN death certificate (../shared/real, form JPN.LM11): the deceased is the insured;
the certifier of the cause of death and the informant, both named with their IC, are not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from intake.models import Document
from intake.options import ReadOptions
from intake.pipeline import process_file

REAL = Path(__file__).resolve().parents[3] / "shared" / "real"
if not REAL.exists():
    REAL = Path("/work/shared/real")
CERT = REAL / "death_certificate_jpn_lm11.png"
pytestmark = pytest.mark.skipif(not CERT.exists(), reason="../shared/real is not on this machine")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Document:
    options = ReadOptions(cache_dir=tmp_path_factory.mktemp("cache"))
    docs = process_file(CERT, options=options).documents
    assert len(docs) == 1
    return docs[0]


def _truth() -> dict:
    return json.loads((REAL / "truth.json").read_text(encoding="utf-8"))[CERT.name]


def _person(text: str) -> tuple[str, str]:
    name, ic = text.rsplit(" ", 1)
    return name, ic


def test_the_deceased_is_the_insured(certificate: Document) -> None:
    truth = _truth()["fields"]
    assert certificate.field_value("name") == truth["name"]
    assert certificate.field_value("ic_number") == truth["ic_number"]


def test_the_certifier_is_kept_with_his_role(certificate: Document) -> None:
    name, ic = _person(_truth()["other_people"]["certifier"])
    assert [(p.name, p.ic_number) for p in certificate.people if p.role == "certifier"] == [
        (name, ic)
    ]


def test_the_informant_is_kept_with_her_role(certificate: Document) -> None:
    name, _ = _person(_truth()["other_people"]["informant"])
    assert [p.name for p in certificate.people if p.role == "informant"] == [name]


@pytest.mark.xfail(
    strict=True,
    reason="reading: Tesseract does not read the informant's IC number off this scan (the line "
    "'Identification Card No.' comes out without it); needs the reading issue's page model",
)
def test_the_informants_ic_is_read(certificate: Document) -> None:
    _, ic = _person(_truth()["other_people"]["informant"])
    assert [p.ic_number for p in certificate.people if p.role == "informant"] == [ic]
