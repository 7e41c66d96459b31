"""What each document prints, drawn from the story: the ground truth before any pixel."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from sample_docs.dates import name_variant, pick_style
from sample_docs.layouts import employment, forms, medical, personal, police
from sample_docs.layouts.common import dtext
from sample_docs.model import Doc, Story
from sample_docs.people import POSITIONS, make_person

RENDER: dict[str, Callable[..., Any]] = {
    "mykad": personal.render_mykad,
    "medical_certificate": medical.render_mc,
    "medical_report": medical.render_report,
    "police_report": police.render_police,
    "sketch_map": police.render_sketch,
    "form_34": forms.render_form34,
    "form_21": forms.render_form21,
    "form_10": forms.render_form10,
    "form_68": forms.render_od,
    "form_69": forms.render_od,
    "permanent_disablement_application": forms.render_fhuk,
    "wage_statement": employment.render_wage,
    "attendance_record": employment.render_attendance,
    "bank_statement": personal.render_bank,
    "death_certificate": personal.render_death,
    "termination_letter": employment.render_termination,
}
LAYOUTS = {"medical_certificate": 3, "attendance_record": 3}
BANKS = (
    "Maybank",
    "CIMB Bank",
    "Public Bank",
    "RHB Bank",
    "Bank Islam",
    "BSN",
    "AmBank",
    "Hong Leong Bank",
    "Bank Rakyat",
    "Affin Bank",
)


def iso(d: date) -> str:
    return d.isoformat()


def _base(
    story: Story,
    doc_type: str,
    key: str,
    rng: random.Random,
    layout: int | None,
    name: str | None,
    ic: str | None,
    variants: bool = True,
) -> Doc:
    person = story.insured
    n_layouts = LAYOUTS.get(doc_type, 2)
    lay = rng.randrange(n_layouts) if layout is None else layout
    shown_name = name if name is not None else name_variant(person.name, rng, person.male, variants)
    fields: dict[str, Any] = {
        "name": shown_name,
        "ic_number": ic if ic is not None else story.claim_ic or person.ic,
    }
    lang = "en" if (doc_type == "medical_certificate" and lay == 2) else "ms"
    doc = Doc(key, doc_type, lay, fields, lang=lang, date_style=pick_style(rng, lang))
    doc.data.update(
        seed=rng.randrange(10**6), ic_style=rng.randrange(3), address=", ".join(person.address[:2])
    )
    return doc


def _dates(doc: Doc, **kv: date | None) -> None:
    dates = doc.fields.setdefault("dates", {})
    for k, v in kv.items():
        if v is not None:
            dates[k] = iso(v)


def make_mc(
    story: Story,
    key: str,
    rng: random.Random,
    start: date,
    days: int,
    printed_days: int | None = None,
    layout: int | None = None,
    **kw: Any,
) -> Doc:
    doc = _base(story, "medical_certificate", key, rng, layout, kw.get("name"), kw.get("ic"))
    end = start + timedelta(days=days - 1)
    _dates(doc, document_date=start, mc_start=start, mc_end=end)
    doc.fields["mc_days"] = printed_days if printed_days is not None else days
    doc.data.update(
        serial=f"{rng.choice('ABCMK')}{rng.randint(10000, 99999)}",
        mrn=f"{rng.randint(100000, 999999)}",
    )
    return doc


def make_doc(
    story: Story, doc_type: str, key: str, rng: random.Random, layout: int | None = None, **kw: Any
) -> Doc:
    """Any document type but the MC; ``kw`` overrides printed values (defects)."""
    variants = doc_type != "mykad"
    doc = _base(story, doc_type, key, rng, layout, kw.get("name"), kw.get("ic"), variants)
    BUILDERS[doc_type](story, doc, rng, kw)
    return doc


def _mykad(story: Story, doc: Doc, rng: random.Random, kw: dict[str, Any]) -> None:
    p = kw.get("person") or story.insured
    doc.fields["name"] = kw.get("name") or p.name
    doc.data.update(
        address=list(p.address),
        male=p.male,
        religion=p.religion,
        origin={"SABAH": "H", "SARAWAK": "K"}.get(p.address[-1], ""),
        card_serial=f"{rng.randint(10**9, 10**10 - 1)}-0{rng.randint(1, 3)}",
        certified=rng.random() < 0.5,
    )
    if kw.get("person"):
        doc.fields["ic_number"] = p.ic


def _report(story: Story, doc: Doc, rng: random.Random, kw: dict[str, Any]) -> None:
    acc = kw.get("accident_date", story.accident_date)
    _dates(
        doc,
        document_date=kw.get("document_date", story.submitted_on - timedelta(days=3)),
        accident_date=acc,
    )
    doc.data["doctor_ic"] = story.clinic.doctor_ic
    doc.others.append(
        {"role": "doctor", "ic_number": story.clinic.doctor_ic, "name": story.clinic.doctor}
    )
    doc.data["mrn"] = f"HSA/ORT/{rng.randint(1000, 9999)}/{acc:%y}"
    diag = story.diagnosis
    doc.data["body_ms"] = [
        f"Pesakit di atas telah dirawat di jabatan ini selepas mengalami kecederaan. "
        f"Pemeriksaan mendapati {diag.lower()}.",
        "Rawatan yang diberikan termasuk pembedahan, fisioterapi dan ubat tahan sakit. "
        "Pesakit dijangka mengalami hilang upaya separa pada anggota yang terlibat.",
        "Laporan ini disediakan atas permintaan pesakit untuk tujuan tuntutan PERKESO.",
    ]
    doc.data["body_en"] = [
        f"The above-named patient was treated in this department following an injury. "
        f"Examination revealed {diag.lower()}.",
        "Treatment included surgery, physiotherapy and analgesia. Some residual permanent "
        "disability of the affected limb is expected.",
        "This report is issued at the patient's request for the purpose of a SOCSO claim.",
    ]


def _police(story: Story, doc: Doc, rng: random.Random, kw: dict[str, Any]) -> None:
    st, p = story.station, story.insured
    acc = kw.get("accident_date", story.accident_date)
    lodged = kw.get("document_date", acc + timedelta(days=rng.choice((0, 0, 1))))
    _dates(doc, document_date=lodged, accident_date=acc)
    doc.fields["report_number"] = kw.get(
        "report_number", f"{st.balai.split()[0]}/{rng.randint(1000, 19999):06d}/{lodged:%y}"
    )
    doc.data["officer_ic"] = st.extras["officer_ic"]
    doc.others.append({"role": "police officer", "ic_number": st.extras["officer_ic"]})
    complainant_is_insured = kw.get("complainant_is_insured", True)
    if complainant_is_insured:
        comp_name, comp_ic = doc.fields["name"], doc.fields["ic_number"]
        sex, age = ("LELAKI" if p.male else "PEREMPUAN"), str(acc.year - p.dob.year)
        victim = "saya"
    else:
        rel = make_person(rng, acc, race=p.race, male=not p.male)
        comp_name, comp_ic = rel.name, rel.ic
        sex, age = ("LELAKI" if rel.male else "PEREMPUAN"), str(acc.year - rel.dob.year)
        victim = f"suami/isteri saya {doc.fields['name']}"
        doc.others.append({"role": "complainant", "ic_number": rel.ic, "name": rel.name})
        doc.fields.pop("ic_number")
    time = story.accident_time or "07:40"
    doc.data.update(
        time=f"{rng.randint(9, 22):02d}{rng.choice(('05', '20', '45'))} HRS",
        complainant={
            "name": comp_name,
            "ic": comp_ic,
            "sex": sex,
            "age": age,
            "race": p.race.upper(),
            "job": rng.choice(POSITIONS),
            "address": ", ".join(p.address[:3]),
            "phone": f"01{rng.randint(0, 9)}-{rng.randint(1000000, 9999999)}",
        },
    )
    doc.data["narrative"] = (
        f"Pada {dtext(doc, acc)} lebih kurang jam {time.replace(':', '')} hrs, {victim} sedang "
        f"menunggang motosikal dari rumah ke tempat kerja di {story.employer.name} melalui "
        f"{story.place}. Sebuah kereta dari arah bertentangan telah membelok secara tiba-tiba "
        f"dan melanggar motosikal. Akibatnya {victim} terjatuh dan mengalami kecederaan di kaki "
        f"dan tangan dan dibawa ke {story.clinic.name} untuk rawatan. Repot dibuat untuk "
        f"tindakan dan tuntutan PERKESO."
    )


def _sketch(story: Story, doc: Doc, rng: random.Random, kw: dict[str, Any]) -> None:
    doc.fields.pop("ic_number")
    _dates(doc, accident_date=kw.get("accident_date", story.accident_date))
    doc.data.update(
        road1=rng.choice(
            ("JALAN BESAR", "JALAN KLANG LAMA", "JALAN AMPANG", "JALAN SKUDAI", "JALAN KUALA KUBU")
        ),
        road2=rng.choice(("JLN MERANTI", "JLN 3/4", "LORONG MAWAR", "JLN SENTOSA")),
        km=rng.randint(3, 25),
    )


def _form(story: Story, doc: Doc, rng: random.Random, kw: dict[str, Any]) -> None:
    acc = kw.get("accident_date", story.accident_date)
    notified = kw.get("notified_date", story.notified_date or acc)
    signed = kw.get("document_date", max(notified, acc) + timedelta(days=rng.randint(1, 4)))
    od = story.claim_type == "occupational_disease"
    death = story.claim_type in ("dependants_benefit", "funeral_benefit", "survivors_pension")
    if doc.doc_type in ("form_34", "form_21") and not od and not death:
        _dates(doc, accident_date=acc, notified_date=notified, document_date=signed)
    else:
        _dates(doc, accident_date=acc, document_date=signed)
    kind = (
        "Penyakit Khidmat"
        if od
        else "Kematian"
        if death
        else "Keilatan"
        if story.claim_type == "invalidity_pension"
        else "Kemalangan"
    )
    how = {
        "workplace": "Tergelincir dan jatuh semasa mengangkat barang di kilang",
        "commuting": "Kemalangan jalan raya semasa perjalanan ke tempat kerja",
        "emergency": "Cedera semasa memadam kebakaran di stor",
    }.get(story.accident_kind or "", story.diagnosis or "-")
    doc.data.update(
        notice_kind=kind,
        time=story.accident_time or "",
        place=story.place,
        kind=story.accident_kind or "",
        how=how,
        bank=rng.choice(BANKS),
        account=f"{rng.randint(10**11, 10**12 - 1)}",
        left_on=story.extras.get("left_on_text", ""),
    )
    if doc.doc_type in ("form_34", "form_21") and rng.random() < 0.7:
        w = make_person(rng, acc, age=(22, 50))
        doc.data["witness"] = {"name": w.name, "ic": w.ic}
        doc.others.append({"role": "witness", "ic_number": w.ic, "name": w.name})


def _fhuk(story: Story, doc: Doc, rng: random.Random, kw: dict[str, Any]) -> None:
    _dates(doc, document_date=kw.get("document_date", story.submitted_on - timedelta(days=2)))


def _wage(story: Story, doc: Doc, rng: random.Random, kw: dict[str, Any]) -> None:
    acc = story.accident_date
    first = (acc.month - 4) % 12 + 1
    year = acc.year if acc.month > 3 else acc.year - 1
    n = 2 if doc.layout % 2 == 0 else 6
    doc.data.update(
        months=employment.month_names(first, year, n)
        if n != 6
        else employment.month_names(
            (acc.month - 7) % 12 + 1, acc.year if acc.month > 6 else acc.year - 1, 6
        ),
        basic=float(rng.randrange(1700, 4800, 50)),
        position=rng.choice(POSITIONS),
        staff_no=f"EMP{rng.randint(100, 9999):04d}",
    )
    if doc.layout % 2 == 1:
        _dates(doc, document_date=kw.get("document_date", acc + timedelta(days=rng.randint(3, 9))))


def _attendance(story: Story, doc: Doc, rng: random.Random, kw: dict[str, Any]) -> None:
    acc = story.accident_date
    doc.data.update(
        position=rng.choice(POSITIONS),
        staff_no=f"EMP{rng.randint(100, 9999):04d}",
        month=f"{acc:%m/%Y}",
        acc_text=dtext(doc, acc),
    )
    if doc.layout % 3 == 1:
        _dates(doc, document_date=kw.get("document_date", acc + timedelta(days=rng.randint(4, 9))))
    else:
        doc.fields.pop("ic_number")
    days = []
    start = acc - timedelta(days=6)
    mc_from = kw.get("mc_from", acc + timedelta(days=1))
    for i in range(12):
        d = start + timedelta(days=i)
        if d.weekday() == 6:
            days.append((f"{d:%d/%m}", "-", "-", "AHAD"))
        elif d >= mc_from:
            days.append((f"{d:%d/%m}", "-", "-", "MC"))
        elif d == acc:
            days.append((f"{d:%d/%m}", "07:5" + str(rng.randint(0, 9)), "-", "KEMALANGAN"))
        else:
            days.append(
                (f"{d:%d/%m}", f"07:{rng.randint(40, 59)}", f"17:{rng.randint(0, 30):02d}", "")
            )
    doc.data["days"] = days


def _bank(story: Story, doc: Doc, rng: random.Random, kw: dict[str, Any]) -> None:
    p = story.insured
    doc.data.update(
        bank=rng.choice(BANKS),
        account=f"{rng.randint(10**11, 10**12 - 1)}",
        branch=rng.choice(
            (
                "SHAH ALAM",
                "KAJANG",
                "IPOH",
                "JOHOR BAHRU",
                "KUANTAN",
                "KOTA BHARU",
                "BUKIT MERTAJAM",
                "KUCHING",
            )
        ),
        address=list(p.address),
    )
    if doc.layout % 2 == 0:
        if rng.random() < 0.5:
            doc.fields.pop("ic_number")
    else:
        doc.fields.pop("ic_number")
        _dates(
            doc,
            document_date=kw.get(
                "document_date", story.submitted_on - timedelta(days=rng.randint(5, 30))
            ),
        )
        bal = rng.randrange(200, 5000)
        doc.data["lines"] = [
            ("BAKI DIBAWA KE HADAPAN", "", f"{bal:,.2f}"),
            ("GAJI / SALARY CR", f"{rng.randrange(1500, 4000):,.2f}", ""),
            ("ATM WITHDRAWAL", "200.00", ""),
            ("DUITNOW TRF", "85.50", ""),
        ]


def _death(story: Story, doc: Doc, rng: random.Random, kw: dict[str, Any]) -> None:
    dod = kw.get("date_of_death", story.accident_date)
    _dates(doc, date_of_death=dod, document_date=dod + timedelta(days=rng.randint(1, 6)))
    doc.fields["name"] = story.insured.name
    informant = story.claimant or make_person(rng, dod)
    doc.data.update(
        reg_no=f"{rng.choice('ABKMP')}{rng.randint(100000, 999999)}",
        place=story.clinic.name,
        cause=story.diagnosis or "KECEDERAAN KEPALA",
        informant=informant.name,
        informant_ic=informant.ic,
    )
    doc.others.append({"role": "informant", "ic_number": informant.ic, "name": informant.name})


def _termination(story: Story, doc: Doc, rng: random.Random, kw: dict[str, Any]) -> None:
    last = story.accident_date
    _dates(doc, document_date=kw.get("document_date", last - timedelta(days=rng.randint(14, 30))))
    doc.data.update(
        last_day=dtext(doc, last),
        position=rng.choice(POSITIONS),
        address=list(story.insured.address),
    )
    if rng.random() < 0.4:
        doc.fields.pop("ic_number")


BUILDERS: dict[str, Callable[[Story, Doc, random.Random, dict[str, Any]], None]] = {
    "mykad": _mykad,
    "medical_report": _report,
    "police_report": _police,
    "sketch_map": _sketch,
    "form_34": _form,
    "form_21": _form,
    "form_10": _form,
    "form_68": _form,
    "form_69": _form,
    "permanent_disablement_application": _fhuk,
    "wage_statement": _wage,
    "attendance_record": _attendance,
    "bank_statement": _bank,
    "death_certificate": _death,
    "termination_letter": _termination,
}
