"""Malay and English throughout: every portal string has a Malay translation, the compiled
catalogue matches the .po, and pages switch language."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "translations" / "ms" / "LC_MESSAGES" / "messages.po"
MO = PO.with_suffix(".mo")


CFG = ROOT / "translations" / "babel.cfg"
# what translations/babel.cfg's command line gives pybabel (-k), beside Babel's defaults
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_ngettext": (1, 2)}


def _source_ids() -> set[Any]:
    """Every msgid in the sources, extracted as the catalogue is (translations/babel.cfg)."""
    with CFG.open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    ids = set()
    for _file, _line, message, _comments, _ctx in extract_from_dir(
        str(ROOT), method_map=method_map, options_map=options_map, keywords=KEYWORDS
    ):
        ids.add(message if isinstance(message, str) else tuple(message))
    return ids


def test_the_command_in_babel_cfg_names_the_keywords() -> None:
    command = CFG.read_text(encoding="utf-8").splitlines()[0]
    assert "-k _l" in command and "-k lazy_ngettext:1,2" in command, command


def test_every_portal_string_is_translated_to_malay() -> None:
    """Each msgid of the sources (templates and all of semak/) is in the Malay catalogue,
    translated (every plural form), not empty and not fuzzy."""
    with PO.open("rb") as fh:
        catalog = read_po(fh)
    done = {}
    for m in catalog:
        if not m.id:
            continue
        key = m.id if isinstance(m.id, str) else tuple(m.id)
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        done[key] = (
            not m.fuzzy
            and len(strings) >= (1 if isinstance(m.id, str) else 2)
            and all(s.strip() for s in strings)
        )
    ids = _source_ids()
    assert len(ids) > 300  # the extraction found the sources
    missing = sorted(str(i) for i in ids if i not in done)
    untranslated = sorted(str(i) for i in ids if i in done and not done[i])
    assert not missing, f"not in the catalogue (extract, then add a Malay msgstr): {missing}"
    assert not untranslated, f"empty or fuzzy in the Malay catalogue: {untranslated}"


def test_the_reports_own_words_are_in_both_languages() -> None:
    """The verifier's report labels (verifier.i18n, no Flask there): the same keys in English
    and Malay, none empty; a label for every finding code and every field key of a report."""
    from intake.models import DATE_KEYS, REPORT_FIELD_KEYS
    from verifier.i18n import FIELD_LABELS, FINDING_LABELS, LABELS, PAGE_REASONS, VERDICTS
    from verifier.models import FindingCode, Verdict

    for table in (LABELS, PAGE_REASONS, VERDICTS):
        assert set(table["en"]) == set(table["ms"])
        assert all(table[lang][k] for lang in ("en", "ms") for k in table[lang])
    assert set(VERDICTS["ms"]) == {str(v) for v in Verdict}
    assert {str(c) for c in FindingCode} <= set(FINDING_LABELS)
    assert {*DATE_KEYS, *REPORT_FIELD_KEYS} <= set(FIELD_LABELS)
    for en, ms in [*FINDING_LABELS.values(), *FIELD_LABELS.values()]:
        assert en and ms and "_" not in ms


def test_every_audit_action_has_a_label() -> None:
    from semak.audit import ACTIONS
    from semak.web.claimtypes import AUDIT_ACTIONS

    assert set(ACTIONS) <= set(AUDIT_ACTIONS)


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
