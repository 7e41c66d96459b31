"""The report for people: one HTML page (Malay or English) and the same as a PDF.

Both render from the report dict (``Report.to_dict()``), so JSON, HTML and PDF agree.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from intake.fields.ic import mask_ic
from intake.files import media_type_of
from verifier.basis import legal_basis
from verifier.i18n import ACCIDENT_KINDS, LABELS, VERDICTS, field_label, finding_label
from verifier.messages import DATE_KEY_LABELS, EVENT_LABELS, doc_label
from verifier.next_step import next_step

TEMPLATES = Path(__file__).parent / "templates"


@cache
def _env() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _lang(lang: str) -> str:
    return "ms" if lang == "ms" else "en"


def render_html(
    report: dict[str, Any],
    lang: str = "en",
    page_images: Mapping[Any, str | bytes] | None = None,
    *,
    fragment: bool = False,
) -> str:
    """The page a clerk reads. ``page_images`` maps (file, page) or "file#page" to an image's
    bytes, a data URI or a URL (never a file path: none is opened); with them, evidence shows
    a thumbnail with the words highlighted. ``fragment`` gives the ``<style>`` and the report's
    ``<div>`` alone, to embed in another page's ``<main>`` (the CSS is scoped to
    ``.semak-report``)."""
    lang = _lang(lang)
    claim = report.get("claim") or {}
    event = claim.get("event", "accident")
    en, ms = EVENT_LABELS.get(event, EVENT_LABELS["accident"])
    return (
        _env()
        .get_template("report.html.j2")
        .render(
            report=report,
            lang=lang,
            fragment=fragment,
            L=LABELS[lang],
            claim=claim,
            title=_title(report, lang),
            event_label=(ms if lang == "ms" else en).capitalize(),
            kinds=ACCIDENT_KINDS[lang],
            verdict=VERDICTS[lang].get(report["verdict"], (report["verdict"], "")),
            findings=[_finding_view(f, lang, page_images or {}) for f in report["findings"]],
            doc_label=lambda t: doc_label(t, lang),
            printed=lambda d: _printed(d, lang),
            next_step=next_step(report, lang),
        )
    )


def _title(report: dict[str, Any], lang: str) -> str:
    """The benefit's name in the reader's language: the report's own, else the rules file's
    (a report written before reports carried it), never the claim type's key."""
    title = ((report.get("claim") or {}).get("title") or {}).get(lang)
    if title:
        return str(title)
    from verifier.rules.loading import load_rules

    rules = load_rules().claim_types.get(str(report.get("claim_type", "")))
    return rules.title.get(lang, "") if rules else ""


def _finding_view(
    f: dict[str, Any], lang: str, images: Mapping[Any, str | bytes]
) -> dict[str, Any]:
    ms = lang == "ms"
    return {
        "code": f["code"],
        "label": finding_label(str(f["code"]), lang),
        "severity": f["severity"],
        "text": (f.get("message_ms") if ms else None) or f["message"],
        "todo": (f.get("action_ms") if ms else None) or f.get("action", ""),
        "basis": legal_basis(f, lang),
        "evidence": [_evidence_view(e, images) for e in f.get("documents", [])],
    }


def _evidence_view(e: dict[str, Any], images: Mapping[Any, str | bytes]) -> dict[str, Any]:
    file, page = e.get("file", ""), e.get("page")
    image = images.get((file, page)) or images.get(f"{file}#{page}")
    return {
        "file": file,
        "page": page,
        "words": e.get("words"),
        "image": _image_src(image) if image else None,
        "box": _box_percent(e.get("bbox"), e.get("page_size")),
    }


def _image_src(image: str | bytes) -> str | None:
    """What an evidence thumbnail's ``src`` may be, never read from disk: an image's bytes
    (inlined as a data URI), a ``data:image/`` URI, an http(s) URL or a site-relative one
    (``/claims/.../pages/1.png``) as they are. Anything else (a file path, ``../x``,
    ``javascript:``) is dropped: whoever wants an image inlined passes its bytes."""
    if isinstance(image, bytes):
        kind = media_type_of(image[:1024]) or ""
        mime = kind if kind.startswith("image/") else "image/png"
        return f"data:{mime};base64,{base64.b64encode(image).decode('ascii')}"
    if image.startswith(("data:image/", "https://", "http://")):
        return image
    if image.startswith("/") and not image.startswith("//"):
        return image
    return None


def _box_percent(bbox: list[float] | None, size: list[int] | None) -> list[float] | None:
    if not bbox or not size or not size[0] or not size[1]:
        return None
    x0, y0, x1, y1 = bbox
    w, h = size
    return [
        round(100 * x0 / w, 2),
        round(100 * y0 / h, 2),
        round(100 * (x1 - x0) / w, 2),
        round(100 * (y1 - y0) / h, 2),
    ]


def _printed(d: dict[str, Any], lang: str) -> str:
    """A document's printed details, IC masked (the checklist page is shown to employers)."""
    fields = d.get("fields") or {}
    parts = []
    if fields.get("name"):
        parts.append(str(fields["name"]))
    if fields.get("ic_number"):
        parts.append(mask_ic(str(fields["ic_number"])))
    for key, value in (fields.get("dates") or {}).items():
        en, ms = DATE_KEY_LABELS.get(key, (key, key))
        parts.append(f"{ms if lang == 'ms' else en} {value}")
    if fields.get("mc_days") is not None:
        parts.append(f"{field_label('mc_days', lang)} {fields['mc_days']}")
    if fields.get("report_number"):
        parts.append(str(fields["report_number"]))
    return " · ".join(parts)


def render_pdf(report: dict[str, Any], lang: str = "en") -> bytes:
    """The same report as a PDF to attach to a file (reportlab; no browser needed)."""
    from verifier.render_pdf import build_pdf

    return build_pdf(report, _lang(lang))
