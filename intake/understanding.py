"""Pages of one file -> documents: split the stack, classify each document, extract its fields.

``understand`` is the seam intake.pipeline calls. Every page ends up in exactly one
Document except blank pages and separator sheets between documents; an unreadable page is a
Document of its own (doc_type other, readable False). Nothing is logged about the content
(PDPA): only counts and types.
"""

from __future__ import annotations

import logging

from intake.classify import classify_pages, legible, rules
from intake.fields.extract import extract, people
from intake.fields.text import DocText
from intake.models import DocType, Document, Page
from intake.split import split

log = logging.getLogger(__name__)


def understand(pages: list[Page]) -> list[Document]:
    """The documents of one file's pages (in file order)."""
    if not pages:
        return []
    groups = split(pages) or [list(pages)]  # a file of blank pages is still one document
    documents = [document(group) for group in groups]
    log.debug("file of %d pages: %s", len(pages), ", ".join(str(d.doc_type) for d in documents))
    return documents


def document(pages: list[Page]) -> Document:
    """One logical document from its pages: type, confidence, fields and dates."""
    readable = [p for p in pages if legible(p) and not p.blank]
    doc = Document(
        file=pages[0].file,
        pages=[p.number for p in pages],
        text="\n\n".join(p.text for p in pages),
        readable=bool(readable),
        perceptual_hashes=[p.perceptual_hash for p in pages if p.perceptual_hash],
        page_engines=[p.ocr_engine for p in pages],
    )
    if not readable:
        doc.doc_type, doc.confidence = DocType.OTHER, 0.0
        doc.extra["reason"] = "unreadable" if any(not p.readable for p in pages) else "blank"
        return doc
    if any(not p.readable for p in readable):
        doc.extra["legible_despite_quality"] = True  # reading judged a page too poor
    cls = classify_pages(readable)
    doc.doc_type, doc.confidence = cls.doc_type, cls.confidence
    doc.extra["label"] = cls.label
    doc.extra["scores"] = {k: v for k, v in cls.scores.items() if v > 0}
    dt = DocText.from_pages(readable)
    doc.fields, doc.dates = extract(dt, cls.doc_type, rules().field_labels)
    doc.people = people(dt, cls.doc_type, rules().field_labels)
    return doc
