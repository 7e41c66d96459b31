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
    return template.format(
        docs=join(missing, lang) or _ANYTHING[lang],
        why=_why(findings, lang),
        what=join(_topics(findings, lang), lang) or _ANYTHING[lang],
    )


def join(items: list[str], lang: str) -> str:
    """'a', 'a and b', 'a, b and c' (Malay 'dan')."""
    unique = list(dict.fromkeys(items))
    if len(unique) <= 1:
        return "".join(unique)
    return f"{', '.join(unique[:-1])} {_AND[lang]} {unique[-1]}"


def _why(findings: list[dict[str, Any]], lang: str) -> str:
    """The first error's message (what made the claim ineligible), in ``lang``."""
    errors = [f for f in findings if f.get("severity") == "error"]
    for f in errors + findings:
        text = (f.get("message_ms") if lang == "ms" else None) or f.get("message")
        if f.get("code") != "MISSING_DOCUMENT" and text:
            return str(text)
    return ""


def _topics(findings: list[dict[str, Any]], lang: str) -> list[str]:
    serious = [f for f in findings if f.get("severity") in ("error", "warning")] or findings
    out = []
    for f in serious:
        topic = REVIEW_TOPICS.get(str(f.get("code")))
        if topic:
            out.append(topic[1] if lang == "ms" else topic[0])
    return out
