"""Score a verification report against a bundle's expected report (golden test, benchmarks).

Per bundle: ``verdict`` (equal), ``doc_types`` (per file, the multiset of document types;
matched over the larger of expected and actual), ``missing`` (set of missing requirement
types equal), ``findings`` (set of finding codes equal), and per expected document field
``ic_number``, ``name``, ``dates``, ``mc_days``, ``report_number`` (equal after
normalisation; documents matched by file and first page, else by file and type).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

FIELDS = (
    "verdict",
    "doc_types",
    "missing",
    "findings",
    "ic_number",
    "name",
    "dates",
    "mc_days",
    "report_number",
)


@dataclass
class Tally:
    correct: float = 0.0
    total: float = 0.0

    def add(self, ok: float, n: float = 1.0) -> None:
        self.correct += ok
        self.total += n

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 1.0


@dataclass
class Score:
    tallies: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in FIELDS})
    errors: list[str] = field(default_factory=list)

    def merge(self, other: Score) -> None:
        for k, t in other.tallies.items():
            self.tallies[k].add(t.correct, t.total)
        self.errors += other.errors

    def accuracy(self) -> dict[str, float]:
        return {k: round(t.accuracy, 4) for k, t in self.tallies.items()}


def _missing(report: dict[str, Any]) -> Counter[str]:
    return Counter(
        r["doc_type"] for r in report.get("requirements", []) if r.get("status") == "missing"
    )


def _codes(report: dict[str, Any]) -> set[str]:
    return {f["code"] for f in report.get("findings", [])}


def _types_by_file(report: dict[str, Any]) -> dict[str, Counter[str]]:
    out: dict[str, Counter[str]] = {}
    for d in report.get("documents", []):
        out.setdefault(d["file"], Counter())[d["doc_type"]] += 1
    return out


def _norm(key: str, v: Any) -> Any:
    if v is None:
        return None
    if key == "ic_number":
        return re.sub(r"\D", "", str(v))
    if key in ("name", "report_number"):
        return re.sub(r"[^A-Z0-9/]", "", str(v).upper())
    return v


def _match(doc: dict[str, Any], actual: list[dict[str, Any]]) -> dict[str, Any] | None:
    same_file = [a for a in actual if a.get("file") == doc["file"]]
    for a in same_file:
        if a.get("pages", [None])[0] == doc["pages"][0]:
            return a
    return next((a for a in same_file if a.get("doc_type") == doc["doc_type"]), None)


def _fields(sc: Score, expected: dict[str, Any], report: dict[str, Any]) -> None:
    actual = report.get("documents", [])
    for doc in expected["documents"]:
        got = _match(doc, actual)
        got_fields = (got or {}).get("fields", {})
        for key, want in doc.get("fields", {}).items():
            if key == "dates":
                for dk, dv in want.items():
                    ok = got_fields.get("dates", {}).get(dk) == dv
                    sc.tallies["dates"].add(float(ok))
                    if not ok:
                        sc.errors.append(f"{doc['file']} dates.{dk}: want {dv}")
            elif key in sc.tallies:
                ok = _norm(key, got_fields.get(key)) == _norm(key, want)
                sc.tallies[key].add(float(ok))
                if not ok:
                    sc.errors.append(
                        f"{doc['file']} {key}: want {want!r}, got {got_fields.get(key)!r}"
                    )


def score(report: dict[str, Any], expected: dict[str, Any], fields: bool = True) -> Score:
    """How far one report is from the expected one."""
    sc = Score()
    ok = report.get("verdict") == expected["verdict"]
    sc.tallies["verdict"].add(float(ok))
    if not ok:
        sc.errors.append(f"verdict: want {expected['verdict']}, got {report.get('verdict')}")
    want_t, got_t = _types_by_file(expected), _types_by_file(report)
    matched = sum((want_t[f] & got_t.get(f, Counter())).total() for f in want_t)
    files = set(want_t) | set(got_t)
    size = sum(
        max(want_t.get(f, Counter()).total(), got_t.get(f, Counter()).total()) for f in files
    )
    sc.tallies["doc_types"].add(matched, size)
    if matched != size:
        sc.errors.append(f"doc_types: want {dict(want_t)}, got {dict(got_t)}")
    for key, want, got in (
        ("missing", _missing(expected), _missing(report)),
        ("findings", _codes(expected), _codes(report)),
    ):
        same = want == got
        sc.tallies[key].add(float(same))
        if not same:
            sc.errors.append(f"{key}: want {sorted(want)}, got {sorted(got)}")
    if fields:
        _fields(sc, expected, report)
    return sc


def table(rows: dict[str, Score], total: Score) -> str:
    """A plain-text table: one line per bundle (failing fields), then the accuracy per field."""
    lines = []
    for name, sc in rows.items():
        bad = [k for k, t in sc.tallies.items() if t.total and t.correct < t.total]
        lines.append(f"{name:40s} {'ok' if not bad else 'MISS ' + ','.join(bad)}")
    lines.append("")
    lines.append(f"{'field':16s} {'accuracy':>8s} {'correct':>8s} {'total':>6s}")
    for k, t in total.tallies.items():
        lines.append(f"{k:16s} {t.accuracy:8.3f} {t.correct:8.1f} {t.total:6.0f}")
    return "\n".join(lines)
