"""The legal basis a finding cites, in the reader's language.

Shared by the HTML and the PDF report (``verifier.render``, ``verifier.render_pdf``), so neither
imports the other for it.
"""

from __future__ import annotations

from typing import Any


def legal_basis(f: dict[str, Any], lang: str) -> str:
    """The finding's legal basis in the reader's language: its ``basis``, or for a report
    made before findings carried one, its rule's basis from the rules files; else "".
    Never our reference ids (rule ids, domain.md keys): a reader cannot check those."""
    basis = f.get("basis")
    if not isinstance(basis, dict):
        from verifier.rules import load_rules

        rules = load_rules()
        entry = rules.catalogue.get(str(f.get("rule") or ""))
        basis = rules.bases.get(entry["law"]) if entry else None
    if not basis:
        return ""
    return str(basis.get("ms" if lang == "ms" else "en") or basis.get("en") or "")
