"""What the employer must do now: one sentence per verdict, from the report dict."""

from __future__ import annotations

from typing import Any

from verifier.i18n import NEXT_STEPS, REVIEW_TOPICS
from verifier.messages import doc_label

_AND = {"en": "and", "ms": "dan"}
_ANYTHING = {"en": "the documents", "ms": "dokumen"}


def next_step(report: dict[str, Any], lang: str = "en") -> str:
    """The employer's next step for the report's verdict, in ``lang`` (en or ms)."""
    lang = "ms" if lang == "ms" else "en"
    verdict = str(report.get("verdict", ""))
    template = NEXT_STEPS[lang].get(verdict)
    if template is None:
        return ""
    findings = [f for f in report.get("findings") or [] if isinstance(f, dict)]
    missing = [
        doc_label(str(r.get("doc_type")), lang)
        for r in report.get("requirements") or []
        if r.get("status") == "missing"
    ]
    deciding = _deciding(findings)
    why, todo = _said(deciding, lang) if deciding else ("", "")
    text = template.format(
        docs=join(missing, lang) or _ANYTHING[lang],
        why=why,
        todo=todo,
        what=join(_topics(findings, lang), lang) or _ANYTHING[lang],
    )
    return " ".join(text.split())


def join(items: list[str], lang: str) -> str:
    """'a', 'a and b', 'a, b and c' (Malay 'dan')."""
    unique = list(dict.fromkeys(items))
    if len(unique) <= 1:
        return "".join(unique)
    return f"{', '.join(unique[:-1])} {_AND[lang]} {unique[-1]}"


def _deciding(findings: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The finding that made the claim ineligible: the first error that is not a missing
    document (else the first such finding)."""
    errors = [f for f in findings if f.get("severity") == "error"]
    return next((f for f in errors + findings if f.get("code") != "MISSING_DOCUMENT"), None)


def _said(f: dict[str, Any], lang: str) -> tuple[str, str]:
    """(message, action) of a finding in ``lang``."""
    ms = lang == "ms"
    text = (f.get("message_ms") if ms else None) or f.get("message") or ""
    todo = (f.get("action_ms") if ms else None) or f.get("action") or ""
    return str(text), str(todo)


def _topics(findings: list[dict[str, Any]], lang: str) -> list[str]:
    serious = [f for f in findings if f.get("severity") in ("error", "warning")] or findings
    out = []
    for f in serious:
        topic = REVIEW_TOPICS.get(str(f.get("code")))
        if topic:
            out.append(topic[1] if lang == "ms" else topic[0])
    return out
