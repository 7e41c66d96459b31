"""Documents of an archive batch -> claims. Pure: plain data in, plain data out.

Scanned cabinets hold claims back to back, so scan order is the first evidence; what the
documents print decides where one claim ends and the next begins:

  separators  a separator sheet before a document closes the claim before it (when present);
  identity    the insured's IC number (one OCR slip tolerated), else the insured's name, else a
              claim or employer reference: a document that names someone else opens a claim;
  dates       a document dated far (``window_days``) from the claim's dates opens another
              claim of the same person.

Then runs of the same IC with dates close together merge (a claim split across two files);
runs that cannot be a claim on their own (a claimant's MyKad, a bank book, a page of another
person) join the claim before them in the same stretch; an unreadable document joins a claim
only when the documents on both sides belong to it. What is left without an IC goes to
``unassigned`` with its reason: nothing is dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from intake.doclist import claim_bearing
from verifier.rules import Indicator, load_rules

WINDOW_DAYS = 400
NAME_SAME = 85  # name_score at or above: the same person
NAME_OTHER = 55  # below: another person; between: unsure (a badly read name decides nothing)
# Document types that carry a claim on their own (the others only accompany one):
# intake/doctypes.yml `documents`, claim_bearing.
CLAIM_BEARING = claim_bearing()
_HONORIFICS = re.compile(
    r"\b(BIN|BINTI|BINT|BTE|BT|B|A/L|A/P|AL|AP|S/O|D/O|ENCIK|EN|PUAN|PN|CIK|TUAN|MR|MRS|MS|MADAM)\b\.?"
)


@dataclass(frozen=True)
class DocInfo:
    """What grouping needs of one document."""

    id: int
    order: tuple[int, int]  # (file position in the batch, first page)
    doc_type: str = "other"
    ic: str | None = None  # 12 digits
    name: str | None = None
    employer_code: str | None = None
    claim_ref: str | None = None
    notice_type: str | None = None  # Borang 34's notice: accident, occupational_disease ...
    dates: tuple[date, ...] = ()
    readable: bool = True
    separator_before: bool = False  # a separator sheet lies between it and the one before


@dataclass
class Group:
    key: str
    doc_ids: list[int]
    ic: str | None
    name: str | None
    claim_type: str | None
    claim_type_basis: str = ""


@dataclass
class Grouping:
    groups: list[Group]
    unassigned: list[tuple[int, str]]  # (document id, reason)
    reasons: dict[int, str] = field(default_factory=dict)  # why a document is where it is

    def group_of(self, doc_id: int) -> str | None:
        return next((g.key for g in self.groups if doc_id in g.doc_ids), None)


@dataclass(eq=False)
class _Run:
    segment: int
    docs: list[DocInfo] = field(default_factory=list)

    @property
    def ics(self) -> list[str]:
        return [d.ic for d in self.docs if d.ic]

    @property
    def names(self) -> list[str]:
        return [d.name for d in self.docs if d.name]

    @property
    def dates(self) -> list[date]:
        return [x for d in self.docs for x in d.dates]

    @property
    def identified(self) -> bool:
        return bool(self.ics or self.names)

    @property
    def bearing(self) -> bool:
        return any(d.doc_type in CLAIM_BEARING and d.readable for d in self.docs)


# --- comparisons ---------------------------------------------------------------------------


def same_ic(a: str, b: str) -> bool:
    """Equal, or one digit misread (12 digits each)."""
    if len(a) != len(b):
        return False
    return sum(x != y for x, y in zip(a, b, strict=True)) <= 1


def norm_name(name: str) -> str:
    text = _HONORIFICS.sub(" ", name.upper())
    return " ".join(re.sub(r"[^A-Z ]", " ", text).split())


def name_score(a: str, b: str) -> float:
    """0-100: spelling variants (BIN/B., A/L), titles, OCR noise and lost spaces forgiven."""
    from rapidfuzz import fuzz

    x, y = norm_name(a), norm_name(b)
    if not x or not y:
        return 0.0
    squeezed = fuzz.ratio(_squeezed(a), _squeezed(b))  # "ENCIKMUHAMMADHAFIZBINAWANG"
    return max(fuzz.token_set_ratio(x, y), fuzz.ratio(x, y), squeezed)


def same_name(a: str, b: str) -> bool:
    return name_score(a, b) >= NAME_SAME


def name_relation(name: str | None, names: Sequence[str]) -> str | None:
    """``match``, ``differ`` (another person), ``unsure`` (OCR too poor to say), or None."""
    if not name or not names:
        return None
    best = max(name_score(name, n) for n in names)
    return "match" if best >= NAME_SAME else "differ" if best < NAME_OTHER else "unsure"


def _squeezed(name: str) -> str:
    letters = re.sub(r"[^A-Z]", "", name.upper())
    return re.sub(r"ENCIK|PUAN|TUAN|BINTI|BIN|BTE|AL|AP", "", letters)


def gap_days(a: Sequence[date], b: Sequence[date]) -> int | None:
    if not a or not b:
        return None
    return min(abs((x - y).days) for x in a for y in b)


def relation(doc: DocInfo, run: _Run, window_days: int = WINDOW_DAYS) -> str:
    """``match``, ``conflict`` or ``neutral``: whether ``doc`` belongs with ``run``."""
    rel = _identity(doc, run)
    if rel != "conflict":
        gap = gap_days(doc.dates, run.dates)
        if gap is not None and gap > window_days:
            return "conflict"
    return rel


def _identity(doc: DocInfo, run: _Run) -> str:
    ic_rel = None if not (doc.ic and run.ics) else any(same_ic(doc.ic, x) for x in run.ics)
    name_rel = name_relation(doc.name, run.names)
    if ic_rel:
        return "match"
    if ic_rel is False:
        return "match" if name_rel == "match" else "conflict"
    if name_rel in ("match", "differ"):
        return "match" if name_rel == "match" else "conflict"
    for key in ("claim_ref", "employer_code"):
        mine = getattr(doc, key)
        theirs = {getattr(d, key) for d in run.docs if getattr(d, key)}
        if mine and theirs:
            return "match" if mine in theirs else "conflict"
    return "neutral"


# --- the passes ----------------------------------------------------------------------------


def _runs(docs: Sequence[DocInfo], window_days: int) -> list[_Run]:
    """Scan order, cut at separators and at documents that belong to someone else."""
    runs: list[_Run] = []
    segment = 0
    for doc in docs:
        if doc.separator_before:
            segment += 1
        current = runs[-1] if runs and runs[-1].segment == segment else None
        if current is None or relation(doc, current, window_days) == "conflict":
            runs.append(_Run(segment, [doc]))
        else:
            current.docs.append(doc)
    return runs


def _retail(runs: list[_Run], window_days: int) -> None:
    """Unidentified documents at a run's tail move to the next run of the same stretch when
    their dates say so (the next claim began with a document that names nobody)."""
    for a, b in pairwise(runs):
        if a.segment != b.segment:
            continue
        while len(a.docs) > 1:
            tail = a.docs[-1]
            if tail.ic or tail.name or not tail.dates:
                break
            rest = [x for d in a.docs[:-1] for x in d.dates]
            to_a, to_b = gap_days(tail.dates, rest), gap_days(tail.dates, b.dates)
            if to_b is None or (to_a is not None and to_a <= to_b) or to_b > window_days:
                break
            b.docs.insert(0, a.docs.pop())


def _merge_same_ic(runs: list[_Run], window_days: int) -> list[_Run]:
    out: list[_Run] = []
    for run in runs:
        target = None
        if run.ics:
            ic = Counter(run.ics).most_common(1)[0][0]
            for other in out:
                gap = gap_days(run.dates, other.dates)
                close = gap is None or gap <= window_days
                if close and any(same_ic(ic, x) for x in other.ics):
                    target = other
                    break
        if target is None:
            out.append(run)
        else:
            target.docs.extend(run.docs)
    return out


def _attach_companions(runs: list[_Run], reasons: dict[int, str]) -> list[_Run]:
    """Runs that cannot be a claim join the claim before them (else after) in their stretch."""
    keep = [r for r in runs if r.ics and r.bearing]
    for run in runs:
        if run in keep:
            continue
        host = _neighbour(runs, run, keep)
        if host is None:
            keep.append(run)  # stays on its own: becomes a claim or unassigned later
            continue
        for d in run.docs:
            reasons[d.id] = "accompanies the claim beside it (another person or no IC)"
        host.docs.extend(run.docs)
    return keep


def _neighbour(runs: list[_Run], run: _Run, hosts: list[_Run]) -> _Run | None:
    i = runs.index(run)
    before = [r for r in runs[:i] if r in hosts and r.segment == run.segment]
    after = [r for r in runs[i + 1 :] if r in hosts and r.segment == run.segment]
    if before:
        return before[-1]
    return after[0] if after else None


def _unreadable_between_claims(docs: Sequence[DocInfo], where: dict[int, _Run]) -> list[int]:
    """Unreadable documents whose identified neighbours (same stretch) lie in other claims."""
    out: list[int] = []
    segment_of: dict[int, int] = {}
    segment = 0
    for d in docs:
        segment += d.separator_before
        segment_of[d.id] = segment
    ident = [d for d in docs if d.ic or d.name]
    for d in docs:
        if d.readable or d.id not in where:
            continue
        before = [x for x in ident if x.order < d.order and segment_of[x.id] == segment_of[d.id]]
        after = [x for x in ident if x.order > d.order and segment_of[x.id] == segment_of[d.id]]
        runs = {id(where.get(x.id)) for x in (before[-1:] + after[:1])}
        if runs != {id(where[d.id])}:
            out.append(d.id)
    return out


def group_documents(docs: Sequence[DocInfo], window_days: int = WINDOW_DAYS) -> Grouping:
    """Claims (groups of document ids) and the unassigned documents, with reasons."""
    ordered = sorted(docs, key=lambda d: d.order)
    reasons: dict[int, str] = {}
    runs = _runs(ordered, window_days)
    _retail(runs, window_days)
    runs = _attach_companions(_merge_same_ic(runs, window_days), reasons)
    where = {d.id: r for r in runs for d in r.docs}
    unassigned: list[tuple[int, str]] = []
    between = _unreadable_between_claims(ordered, where)
    for doc_id in between:
        where[doc_id].docs = [d for d in where[doc_id].docs if d.id != doc_id]
    groups: list[Group] = []
    for run in sorted((r for r in runs if r.docs), key=lambda r: min(d.order for d in r.docs)):
        if not run.ics:
            unassigned += [(d.id, "no IC number on it or beside it") for d in run.docs]
            continue
        groups.append(_group(f"A{len(groups) + 1:04d}", run, reasons))
    unassigned += [(i, _between_reason(i, ordered, groups)) for i in between]
    return Grouping(groups, sorted(unassigned, key=lambda u: u[0]), reasons)


def _between_reason(doc_id: int, ordered: Sequence[DocInfo], groups: list[Group]) -> str:
    """Name the claims on either side, for the officer who places it."""
    key = {i: g.key for g in groups for i in g.doc_ids}
    pos = next(n for n, d in enumerate(ordered) if d.id == doc_id)
    before = next((key[d.id] for d in reversed(ordered[:pos]) if d.id in key), "-")
    after = next((key[d.id] for d in ordered[pos + 1 :] if d.id in key), "-")
    return f"unreadable, between claims {before} and {after}"


def _group(key: str, run: _Run, reasons: dict[int, str]) -> Group:
    docs = sorted(run.docs, key=lambda d: d.order)
    ic = _main_ic(docs)
    names = [d.name for d in docs if d.name and d.ic and same_ic(d.ic, ic)] or run.names
    name = Counter(names).most_common(1)[0][0] if names else None
    for d in docs:
        reasons.setdefault(d.id, "same insured" if d.ic or d.name else "scanned with the claim")
    claim_type, basis = infer_claim_type(docs)
    return Group(key, [d.id for d in docs], ic, name, claim_type, basis)


def _main_ic(docs: Sequence[DocInfo]) -> str:
    """The insured's IC: most documents, claim-bearing ones first."""
    votes: Counter[str] = Counter()
    for d in docs:
        if d.ic:
            votes[d.ic] += 2 if d.doc_type in CLAIM_BEARING else 1
    return votes.most_common(1)[0][0]


def infer_claim_type(
    docs: Sequence[DocInfo], indicators: Sequence[Indicator] | None = None
) -> tuple[str | None, str]:
    """The claim type the documents point to, and what points to it.

    The indicators are the claim types' ``archive`` entries (verifier/rules/<type>.yml), tried
    by rank. A document's type counts even when its fields were poorly read (its class is
    known: a Borang 68 whose text is faint is still a Borang 68); only an unreadable ``other``
    counts for nothing. Borang 34's ticked notice type counts as ``notice:<type>``.
    """
    types = {d.doc_type for d in docs if d.readable or d.doc_type != "other"}
    notices = {f"notice:{d.notice_type}" for d in docs if d.notice_type}
    signals = frozenset(types | notices)
    for ind in load_rules().indicators() if indicators is None else indicators:
        if ind.holds(signals):
            return ind.claim_type, ind.basis
    return None, "no document names the benefit"
