"""UNREADABLE_DOCUMENT and DUPLICATE_DOCUMENT: what satisfies nothing, what counts once."""

from __future__ import annotations

import re
from collections import Counter

from rapidfuzz import fuzz

from intake.models import Document
from intake.pipeline import FileResult
from verifier.checks.context import Context, is_usable
from verifier.checks.registry import register
from verifier.messages import file_error
from verifier.models import Finding, FindingCode
from verifier.rules.model import CheckRule

DEFAULT_MAX_DISTANCE = 6  # bits of a 64-bit perceptual hash
_IDENTITY_KEYS = ("ic_number", "mc_days", "report_number")
# A second capture of one paper reads as the same text with the same numbers, even where its
# pixels do not hash alike (a phone photo of a scanned MC: hash distance 32, text 0.99, numbers
# 1.00 on the golden rescan); two MCs of one clinic for one person read 0.72-0.92 alike with
# 0.09-0.40 of their numbers shared (tu30, tests/golden bundles: scripts in the #20 note).
SAME_TEXT = 0.90  # rapidfuzz ratio of the two documents' whitespace-normalised texts
SAME_NUMBERS = 0.8  # share of the numbers (2+ digits) both print, counted with repeats
MIN_NUMBERS = 3  # numbers each must print: a text without them tells too little
_NUMBER = re.compile(r"\S*\d\S*")


@register("unreadable", codes=(FindingCode.UNREADABLE_DOCUMENT,))
def unreadable(ctx: Context, spec: CheckRule) -> list[Finding]:
    out = []
    for result in ctx.results:
        if result.error_code:
            out.append(
                ctx.finding(
                    FindingCode.UNREADABLE_DOCUMENT,
                    spec,
                    "unreadable_file",
                    [ctx.evidence_file(result.file)],
                    {"error_code": result.error_code},
                    file=result.file,
                    **file_error(result.error_code),
                )
            )
    for doc in ctx.documents:
        if not doc.readable:
            pages = ", ".join(str(p) for p in doc.pages)
            out.append(
                ctx.finding(
                    FindingCode.UNREADABLE_DOCUMENT,
                    spec,
                    "unreadable_doc",
                    [ctx.evidence(doc)],
                    {},
                    file=doc.file,
                    pages=pages,
                )
            )
    return out


def _phash_distance(a: str, b: str) -> int | None:
    try:
        import imagehash

        return int(imagehash.hex_to_hash(a) - imagehash.hex_to_hash(b))
    except (ValueError, TypeError):
        return None


def _conflict(a: Document, b: Document) -> bool:
    """Printed values that differ: two papers, however alike their scans look."""
    for key in _IDENTITY_KEYS:
        va, vb = a.field_value(key), b.field_value(key)
        if va is not None and vb is not None and va != vb:
            return True
    return any(a.date_value(key) != b.date_value(key) for key in set(a.dates) & set(b.dates))


def _numbers(text: str) -> Counter[str]:
    digits = (re.sub(r"\D", "", w) for w in _NUMBER.findall(text))
    return Counter(d for d in digits if len(d) >= 2)


def same_text(a: Document, b: Document) -> bool:
    """Two readings of one paper: nearly the same text and the same numbers."""
    na, nb = _numbers(a.text), _numbers(b.text)
    if min(len(na), len(nb)) < MIN_NUMBERS:
        return False
    if (na & nb).total() / (na | nb).total() < SAME_NUMBERS:
        return False
    return fuzz.ratio(" ".join(a.text.split()), " ".join(b.text.split())) / 100 >= SAME_TEXT


def same_paper(a: Document, b: Document, max_distance: int) -> bool:
    """A second scan or photo: same type, no conflict, and page hashes within
    ``max_distance`` or the same text and numbers read (``same_text``)."""
    if a.doc_type != b.doc_type or not a.perceptual_hashes or _conflict(a, b):
        return False
    if len(a.perceptual_hashes) != len(b.perceptual_hashes):
        return False
    if same_text(a, b):
        return True
    for ha, hb in zip(a.perceptual_hashes, b.perceptual_hashes, strict=True):
        dist = _phash_distance(ha, hb)
        if dist is None or dist > max_distance:
            return False
    return True


def find_duplicates(results: list[FileResult], max_distance: int) -> dict[int, Document]:
    """id(duplicate) -> the first copy: byte-identical files, or second scans of one paper."""
    seen: list[tuple[int, Document]] = []  # (result index, document)
    dup: dict[int, Document] = {}
    for index, result in enumerate(results):
        for doc in result.documents:
            if not is_usable(doc):
                continue
            original = next((d for i, d in seen if _is_copy(i, d, index, doc, max_distance)), None)
            if original is not None:
                dup[id(doc)] = original
            else:
                seen.append((index, doc))
    return dup


def _is_copy(i: int, a: Document, j: int, b: Document, max_distance: int) -> bool:
    if i != j and a.file_sha256 and a.file_sha256 == b.file_sha256:
        return a.pages == b.pages and a.doc_type == b.doc_type
    return same_paper(a, b, max_distance)


@register("duplicates", codes=(FindingCode.DUPLICATE_DOCUMENT,), params={"max_distance": int})
def duplicates(ctx: Context, spec: CheckRule) -> list[Finding]:
    groups: dict[int, list[Document]] = {}
    originals: dict[int, Document] = {}
    for doc in ctx.documents:
        original = ctx.duplicate_of.get(id(doc))
        if original is not None:
            groups.setdefault(id(original), [original]).append(doc)
            originals[id(original)] = original
    out = []
    for key, docs in groups.items():
        files = ", ".join(f"{d.file} p.{d.pages[0]}" for d in docs)
        out.append(
            ctx.finding(
                FindingCode.DUPLICATE_DOCUMENT,
                spec,
                "duplicate",
                [ctx.evidence(d) for d in docs],
                {"copies": len(docs)},
                doc_type=str(originals[key].doc_type),
                files=files,
            )
        )
    return out
