"""What a family document prints, as titled sections of rows (the renderer places them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sample_docs.dates import fmt_ic
from sample_docs.families.wording import TITLES
from sample_docs.layouts.common import dtext
from sample_docs.model import Doc, Story

_I = {"B": 0, "C": 1, "H": 2}


@dataclass
class Row:
    concept: str  # a wording.LABELS key, or "" with ``text`` for a printed label
    value: str
    kind: str = "text"  # text, ic, date, para
    text: str = ""


@dataclass
class Section:
    heading: str  # a wording.HEADINGS key, or "" for none
    rows: list[Row] = field(default_factory=list)
    table: tuple[list[str], list[list[str]]] | None = None


def title(doc: Doc, fam: str) -> tuple[str, tuple[str, ...]]:
    _src, issuer, lines = TITLES[doc.doc_type]
    return issuer, lines[_I[fam]]


def _d(doc: Doc, key: str) -> Row | None:
    v = doc.fields.get("dates", {}).get(key)
    if v is None:
        return None
    concept = key
    if key == "accident_date" and doc.data.get("notice_kind") == "Penyakit Khidmat":
        concept = "diagnosis_date"
    return Row(concept, dtext(doc, date.fromisoformat(v)), "date")


def _insured(doc: Doc, address: bool = True) -> Section:
    rows = []
    if "name" in doc.fields:
        rows.append(Row("name", doc.fields["name"]))
    if "ic_number" in doc.fields:
        rows.append(
            Row("ic_number", fmt_ic(doc.fields["ic_number"], doc.data.get("ic_style", 0)), "ic")
        )
    if address and doc.data.get("address"):
        addr = doc.data["address"]
        rows.append(Row("address", addr if isinstance(addr, str) else ", ".join(addr[:3])))
    return Section("insured", rows)


def _people(doc: Doc, story: Story) -> dict[str, Section]:
    out: dict[str, Section] = {}
    if c := doc.data.get("certifier"):
        rows = [Row("", c["name"], text="Nama"), Row("position", c["position"])]
        out["certifier"] = Section("certifier", rows)
    if w := doc.data.get("witness"):
        out["witness"] = Section(
            "witness",
            [
                Row("", w["name"], text="Nama Saksi"),
                Row("", fmt_ic(w["ic"], 0), "ic", "No. K/P Saksi"),
            ],
        )
    if d := doc.data.get("doctor"):
        out["doctor"] = Section(
            "doctor", [Row("", d["name"], text="Nama Doktor"), Row("", d["mmc"], text="No. MMC")]
        )
    return out


def _dated(doc: Doc, keys: tuple[str, ...]) -> list[Row]:
    return [r for r in (_d(doc, k) for k in keys) if r is not None]


def sections(doc: Doc, story: Story, fam: str) -> list[Section]:
    """The document's sections in the family's order (forms) or the type's order (others)."""
    t, data = doc.doc_type, doc.data
    people = _people(doc, story)
    if t in ("form_34", "form_21", "form_10", "form_68", "form_69",
             "permanent_disablement_application"):  # fmt: skip
        event = _dated(doc, ("accident_date",))
        if data.get("time"):
            event.append(Row("time", data["time"]))
        if data.get("place"):
            event.append(Row("place", data["place"]))
        event.append(
            Row(
                "how" if t != "permanent_disablement_application" else "diagnosis",
                data.get("how") or story.diagnosis or "-",
            )
        )
        if t == "form_10":
            event += [Row("bank", data["bank"]), Row("account", data["account"])]
        emp = [Row("employer", story.employer.name), Row("employer_code", story.employer.code)]
        emp += _dated(doc, ("notified_date",))
        cert = people.pop("certifier", Section("certifier"))
        cert.rows += _dated(doc, ("document_date",))
        by = {
            "insured": _insured(doc),
            "event": Section("event", event),
            "employer": Section("employer", emp),
            "certifier": cert,
            "declaration": Section("declaration", [Row("", DECLARE[fam], "para")]),
            **people,
        }
        from sample_docs.families import STYLES

        return [by[k] for k in STYLES[fam].order if k in by] + [
            v for k, v in by.items() if k not in STYLES[fam].order
        ]
    body = BODY[t](doc, story, fam)
    return [*body, *people.values()]


DECLARE = {  # RL Perakuan Majikan wording
    "B": "Saya memperakui bahawa sepanjang pengetahuan dan kepercayaan saya bahawa semua butiran "
    "yang dinyatakan adalah benar. / I certify that the particulars given are true.",
    "C": "I certify that the particulars given above are true to the best of my knowledge. / "
    "Saya memperakui bahawa butiran di atas adalah benar.",
    "H": "Saya memperakui bahawa sepanjang pengetahuan dan kepercayaan saya bahawa semua butiran "
    "yang dinyatakan adalah benar.",
}


def _mc(doc: Doc, story: Story, fam: str) -> list[Section]:
    dates = doc.fields["dates"]
    start, end = (dtext(doc, date.fromisoformat(dates[k])) for k in ("mc_start", "mc_end"))
    n = doc.fields["mc_days"]
    ins = _insured(doc, address=False)
    if fam == "B":
        rows = [*_dated(doc, ("document_date", "mc_start", "mc_end")), Row("mc_days", str(n))]
        return [ins, Section("", rows)]
    if fam == "C":
        text = (
            f"This is to certify that the above-named is unfit for duty for {n} days "
            f"from {start} to {end}."
        )
        return [ins, Section("", [*_dated(doc, ("document_date",)), Row("", text, "para")])]
    text = f"adalah tidak sihat untuk bekerja selama {n} hari dari {start} hingga {end}."
    return [ins, Section("", [*_dated(doc, ("document_date",)), Row("", text, "para")])]


def _report(doc: Doc, story: Story, fam: str) -> list[Section]:
    body = doc.data["body_en" if fam == "C" else "body_ms"]
    rows = _dated(doc, ("accident_date", "document_date"))
    rows.append(
        Row(
            "",
            f"{story.clinic.doctor}  (No. K/P {fmt_ic(doc.data['doctor_ic'], 0)})",
            text="Pakar / Specialist" if fam != "H" else "Pakar Perunding",
        )
    )
    return [
        _insured(doc, False),
        Section("event", rows),
        Section("", [Row("", p, "para") for p in body]),
    ]


def _police(doc: Doc, story: Story, fam: str) -> list[Section]:
    c = doc.data["complainant"]
    head = [
        Row("report_number", doc.fields["report_number"]),
        *_dated(doc, ("document_date",)),
        Row("time", doc.data["time"]),
    ]
    out = [Section("", head)]
    if "ic_number" in doc.fields:
        out.append(_insured(doc, False))
    else:
        out.append(
            Section(
                "complainant",
                [
                    Row("", c["name"], text="Nama Pengadu"),
                    Row("", fmt_ic(c["ic"], 0), "ic", "No. K/P Pengadu"),
                ],
            )
        )
        out.append(Section("insured", [Row("name", doc.fields["name"])]))
    out.append(
        Section("event", [*_dated(doc, ("accident_date",)), Row("", doc.data["narrative"], "para")])
    )
    officer = Section(
        "police officer",
        [
            Row("", story.station.officer, text="Nama / Pangkat"),
            Row("", fmt_ic(doc.data["officer_ic"], 0), "ic", "No. K/P"),
        ],
    )
    return [*out, officer]


def _wage(doc: Doc, story: Story, fam: str) -> list[Section]:
    basic = doc.data["basic"]
    rows = [[m, f"{basic:,.2f}", f"{basic * 0.005:,.2f}"] for m in doc.data["months"]]
    ins = _insured(doc, False)
    ins.rows.append(Row("position", doc.data["position"]))
    head = [Row("employer", story.employer.name), *_dated(doc, ("document_date",))]
    return [Section("", head), ins, Section("", table=(["month", "wage", "contribution"], rows))]


def _attendance(doc: Doc, story: Story, fam: str) -> list[Section]:
    rows = [list(d) for d in doc.data["days"]]
    ins = _insured(doc, False)
    ins.rows.append(Row("position", doc.data["position"]))
    head = [Row("employer", story.employer.name), *_dated(doc, ("document_date",))]
    return [
        Section("", head),
        ins,
        Section("", table=(["Tarikh", "Masuk", "Keluar", "Catatan"], rows)),
    ]


def _bank(doc: Doc, story: Story, fam: str) -> list[Section]:
    ins = _insured(doc)
    ins.rows += [Row("account", doc.data["account"]), Row("bank", doc.data["bank"])]
    out = [ins, Section("", _dated(doc, ("document_date",)))]
    if lines := doc.data.get("lines"):
        out.append(Section("", table=(["Butiran", "Debit", "Kredit"], [list(x) for x in lines])))
    return out


def _death(doc: Doc, story: Story, fam: str) -> list[Section]:
    ins = _insured(doc, False)
    ins.rows += [
        *_dated(doc, ("date_of_death",)),
        Row("place", doc.data["place"]),
        Row("diagnosis", doc.data["cause"]),
    ]
    inf = Section(
        "informant",
        [
            Row("", doc.data["informant"], text="Nama"),
            Row("", fmt_ic(doc.data["informant_ic"], 0), "ic", "No. K/P"),
        ],
    )
    reg = Section("", [Row("reg_no", doc.data["reg_no"]), *_dated(doc, ("document_date",))])
    return [reg, ins, inf]


def _termination(doc: Doc, story: Story, fam: str) -> list[Section]:
    name = doc.fields["name"]
    if fam == "C":
        text = (
            f"We regret to inform you that your employment as {doc.data['position']} with "
            f"{story.employer.name} will end. Your last working day is {doc.data['last_day']}."
        )
    else:
        text = (
            f"Dengan hormatnya, dimaklumkan bahawa perkhidmatan {name} sebagai "
            f"{doc.data['position']} di {story.employer.name} ditamatkan. Hari terakhir "
            f"bekerja ialah {doc.data['last_day']}."
        )
    return [
        Section("", _dated(doc, ("document_date",))),
        _insured(doc),
        Section("", [Row("", text, "para")]),
    ]


def _sketch(doc: Doc, story: Story, fam: str) -> list[Section]:
    return [Section("", [Row("name", doc.fields["name"]), *_dated(doc, ("accident_date",))])]


def _mykad(doc: Doc, story: Story, fam: str) -> list[Section]:
    return []


BODY = {
    "medical_certificate": _mc, "medical_report": _report, "police_report": _police,
    "wage_statement": _wage, "attendance_record": _attendance, "bank_statement": _bank,
    "death_certificate": _death, "termination_letter": _termination, "sketch_map": _sketch,
    "mykad": _mykad,
}  # fmt: skip
