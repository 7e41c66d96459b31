"""The PDF form of the report, drawn with reportlab's platypus from the report dict."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from verifier.basis import legal_basis
from verifier.i18n import LABELS, VERDICTS, finding_label
from verifier.messages import doc_label
from verifier.next_step import next_step

VERDICT_COLOURS = {
    "complete": colors.HexColor("#1e8e3e"),
    "incomplete": colors.HexColor("#e37400"),
    "needs_review": colors.HexColor("#b08800"),
    "ineligible": colors.HexColor("#c5221f"),
}


def _p(text: Any, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(str(text)), style)


def build_pdf(report: dict[str, Any], lang: str) -> bytes:
    L = LABELS[lang]
    styles = getSampleStyleSheet()
    body, small = styles["BodyText"], ParagraphStyle("small", fontSize=8, leading=10)
    claim = report.get("claim") or {}
    story: list[Any] = [
        _p(L["title"], styles["Title"]),
        _p(
            f"{(claim.get('title') or {}).get(lang, report['claim_type'])} · "
            f"{report.get('claim_id') or ''}",
            body,
        ),
        _p(
            f"{L['insured']}: {claim.get('insured_name', '')} "
            f"({claim.get('insured_ic_masked', '')}) · "
            f"{L['submitted_on']}: {report.get('submitted_on', '')}",
            body,
        ),
        Spacer(1, 4 * mm),
    ]
    name, why = VERDICTS[lang].get(report["verdict"], (report["verdict"], ""))
    verdict = ParagraphStyle(
        "verdict",
        parent=styles["Heading2"],
        textColor=VERDICT_COLOURS.get(report["verdict"], colors.black),
    )
    story += [_p(f"{L['verdict']}: {name}", verdict), _p(why, body)]
    story += [_p(f"{L['next_step']}: {next_step(report, lang)}", body), Spacer(1, 3 * mm)]
    story += _checklist(report, L, lang, styles, small)
    story.append(_p(L["findings"], styles["Heading2"]))
    if not report["findings"]:
        story.append(_p(L["no_findings"], body))
    for f in report["findings"]:
        text = (f.get("message_ms") if lang == "ms" else None) or f["message"]
        todo = (f.get("action_ms") if lang == "ms" else None) or f.get("action", "")
        where = ", ".join(
            f"{e.get('file')} ({L['page']} {e.get('page', '-')})" for e in f.get("documents", [])
        )
        story += [
            _p(f"[{L[f['severity']]}] {finding_label(str(f['code']), lang)}: {text}", body),
            _p(f"{L['what_to_do']}: {todo}", small),
        ]
        if where:
            story.append(_p(f"{L['evidence']}: {where}", small))
        basis = legal_basis(f, lang)
        if basis:
            story.append(_p(f"{L['legal_basis']}: {basis}", small))
        story.append(Spacer(1, 2 * mm))
    engine = report.get("engine") or {}
    story.append(
        _p(
            f"{L['engine']}: Semak · OCR {engine.get('ocr', '?')} · {L['rules']} "
            f"{engine.get('rules_version', '?')}",
            small,
        )
    )
    buf = io.BytesIO()
    SimpleDocTemplate(
        buf, pagesize=A4, title=L["title"], author="Semak", leftMargin=18 * mm, rightMargin=18 * mm
    ).build(story)
    return buf.getvalue()


def _checklist(
    report: dict[str, Any], L: dict[str, str], lang: str, styles: Any, small: ParagraphStyle
) -> list[Any]:
    rows: list[list[Any]] = [[L["document"], L["status"], L["found_in"]]]
    for r in report["requirements"]:
        found = ", ".join(str(e.get("file")) for e in r.get("documents") or [])
        rows.append([_p(doc_label(r["doc_type"], lang), small), L[r["status"]], _p(found, small)])
    table = Table(rows, colWidths=[70 * mm, 25 * mm, 75 * mm], repeatRows=1)
    style = [
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f4f6f9")),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#d7dce5")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
    ]
    for i, r in enumerate(report["requirements"], start=1):
        colour = "#137333" if r["status"] == "present" else "#c5221f"
        style.append(("TEXTCOLOR", (1, i), (1, i), colors.HexColor(colour)))
    table.setStyle(TableStyle(style))
    return [_p(L["checklist"], styles["Heading2"]), table, Spacer(1, 3 * mm)]
