"""Malay and English throughout: every portal string has a Malay translation, the compiled
catalogue matches the .po, and pages switch language."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "translations" / "ms" / "LC_MESSAGES" / "messages.po"
MO = PO.with_suffix(".mo")


def _source_ids() -> set[Any]:
    method_map = [
        ("semak/web/**.py", "python"),
        ("templates/**.html", "jinja2"),
        ("verifier/rules/*.yml", "semak.web.claimtypes:extract_portal_strings"),  # #23
    ]
    keywords = {"_": None, "_l": None, "gettext": None, "ngettext": (1, 2)}
    ids = set()
    for _file, _line, message, _comments, _ctx in extract_from_dir(
        str(ROOT), method_map=method_map, keywords=keywords
    ):
        ids.add(message if isinstance(message, str) else tuple(message))
    return ids


def test_every_portal_string_is_translated_to_malay() -> None:
    with PO.open("rb") as fh:
        catalog = read_po(fh)
    translated = {
        (m.id if isinstance(m.id, str) else tuple(m.id))
        for m in catalog
        if m.id and (m.string if isinstance(m.string, str) else all(m.string))
    }
    missing = _source_ids() - translated
    assert not missing, f"untranslated (run pybabel extract/update, then translate): {missing}"


def test_compiled_catalogue_matches_the_po() -> None:
    with PO.open("rb") as fh:
        po = read_po(fh)
    with MO.open("rb") as fh:
        mo = read_mo(io.BytesIO(fh.read()))

    def table(catalog: Any) -> dict[str, Any]:
        return {
            m.id if isinstance(m.id, str) else m.id[0]: (
                m.string if isinstance(m.string, str) else tuple(m.string)
            )
            for m in catalog
            if m.id
        }

    want, got = table(po), table(mo)
    assert got == want, "recompile: pybabel compile -d translations"


@pytest.mark.redis
def test_pages_in_malay(people: Any, as_user: Callable[[str], Any], claim_a: Any) -> None:
    c = as_user("a@employer-a.my")
    c.post("/language", data={"lang": "ms"})
    page = c.get(f"/employer/claims/{claim_a.public_id}").get_data(as_text=True)
    assert 'lang="ms"' in page
    for text in ("Tuntutan saya", "Dokumen yang diperlukan", "Peta lakar", "Tidak lengkap"):
        assert text in page
