"""The committed catalogue (named, fixed scenarios) and random scenarios for benchmarks."""

from __future__ import annotations

import random
from dataclasses import dataclass

CLAIM_TYPES = (
    "temporary_disablement",
    "permanent_disablement",
    "occupational_disease",
    "dependants_benefit",
    "funeral_benefit",
    "invalidity_pension",
    "survivors_pension",
    "job_loss",
)


@dataclass(frozen=True)
class Scenario:
    name: str
    purpose: str
    claim_type: str
    kind: str | None = None  # workplace, commuting, emergency
    severity: str = "mild"  # clean, mild, harsh, mixed
    defect: str = "none"
    packaging: str = "separate"  # separate, stack, textpdf, fax, photos, rotated
    employed: bool = True
    legacy: bool = False
    with_mc: bool = False  # occupational disease with a medical certificate
    claimant: bool = False  # funeral benefit claimed by a family member
    family: str = ""  # layout families (sample_docs.families.CHOICES key); "" the classic ones


TD, PD, OD = "temporary_disablement", "permanent_disablement", "occupational_disease"
S = Scenario
CATALOGUE: tuple[Scenario, ...] = (
    # Clean bundles, one per claim type and packaging.
    S("td_workplace_clean", "FHUS workplace accident, everything present", TD, "workplace", "mild"),
    S(
        "td_commuting_clean",
        "FHUS commuting: police report and sketch map present",
        TD,
        "commuting",
        "mixed",
    ),
    S(
        "td_legacy_forms",
        "FHUS with legacy Borang 21 + Borang 10 instead of Borang 34",
        TD,
        "workplace",
        "mild",
        legacy=True,
    ),
    S(
        "td_textlayer_pdfs",
        "Clinic-system MC and payslips as text-layer PDFs",
        TD,
        "workplace",
        "clean",
        packaging="textpdf",
    ),
    S(
        "td_scanned_stack",
        "Every document but the MyKad in one scanned PDF, some pages rotated 90/180/270",
        TD,
        "commuting",
        "mild",
        packaging="rotated",
    ),
    S(
        "td_phone_photos",
        "Phone photos on a desk: perspective, uneven light",
        TD,
        "workplace",
        "harsh",
        packaging="photos",
    ),
    S(
        "td_fax_tiff",
        "Forms faxed: binarised multi-page TIFF",
        TD,
        "emergency",
        "mild",
        packaging="fax",
    ),
    S(
        "pd_clean",
        "FHUK application with medical report and bank proof",
        PD,
        "workplace",
        "mild",
        packaging="textpdf",
    ),
    S("od_form34_clean", "Occupational disease on Borang 34", OD, None, "clean"),
    S(
        "od_form68_employed",
        "Occupational disease, still employed, legacy PKS(P) 68",
        OD,
        None,
        "mild",
        legacy=True,
    ),
    S(
        "od_form69_left_mc",
        "Occupational disease, has left, PKS(P) 69 + MC + Borang 10",
        OD,
        None,
        "mixed",
        employed=False,
        legacy=True,
        with_mc=True,
    ),
    S(
        "dependants_commuting_clean",
        "Death after a commuting accident: police report",
        "dependants_benefit",
        "commuting",
        "mild",
    ),
    S(
        "funeral_claimant_clean",
        "Funeral benefit claimed by the spouse: two MyKads",
        "funeral_benefit",
        None,
        "mild",
        claimant=True,
    ),
    S("survivors_clean", "Survivors' pension", "survivors_pension", None, "clean"),
    S(
        "invalidity_clean",
        "Invalidity pension; report carries insured_age",
        "invalidity_pension",
        None,
        "mild",
    ),
    S("job_loss_clean", "EIS job loss inside 60 days", "job_loss", None, "mixed"),
    # One missing required document each.
    S("td_missing_mykad", "No MyKad copy", TD, "workplace", "mixed", "missing:mykad"),
    S(
        "td_missing_mc",
        "No medical certificate (no MC_TOO_SHORT without any MC)",
        TD,
        "workplace",
        "mild",
        "missing:medical_certificate",
        packaging="textpdf",
    ),
    S(
        "td_missing_attendance",
        "No attendance record",
        TD,
        "workplace",
        "clean",
        "missing:attendance_record",
    ),
    S(
        "td_missing_wage",
        "No payslips / PKS(F)1",
        TD,
        "emergency",
        "mild",
        "missing:wage_statement",
    ),
    S(
        "td_commuting_missing_police",
        "Commuting without police report (R05)",
        TD,
        "commuting",
        "mild",
        "missing:police_report",
    ),
    S(
        "td_commuting_missing_sketch",
        "Commuting without sketch map (R06)",
        TD,
        "commuting",
        "mixed",
        "missing:sketch_map",
    ),
    S(
        "td_legacy_missing_form10",
        "Borang 21 without Borang 10",
        TD,
        "workplace",
        "mild",
        "missing:form_10",
        legacy=True,
    ),
    S(
        "pd_missing_application",
        "FHUK without the application form",
        PD,
        "workplace",
        "mild",
        "missing:permanent_disablement_application",
    ),
    S(
        "od_missing_notice",
        "Occupational disease with no notice form (R08)",
        OD,
        None,
        "mild",
        "missing:form_68",
        legacy=True,
    ),
    S(
        "od_legacy_mc_missing_form10",
        "PKS(P) 68 and an MC but no Borang 10",
        OD,
        None,
        "mild",
        "missing:form_10",
        legacy=True,
        with_mc=True,
    ),
    S(
        "dependants_missing_death_cert",
        "Death claim without death certificate (R19)",
        "dependants_benefit",
        "workplace",
        "mild",
        "missing:death_certificate",
    ),
    S(
        "funeral_missing_claimant_ic",
        "Funeral benefit: claimant's MyKad missing",
        "funeral_benefit",
        None,
        "mild",
        "missing:mykad_claimant",
        claimant=True,
    ),
    S(
        "invalidity_missing_report",
        "Invalidity without medical report",
        "invalidity_pension",
        None,
        "mild",
        "missing:medical_report",
    ),
    S(
        "job_loss_missing_letter",
        "EIS without termination letter",
        "job_loss",
        None,
        "mild",
        "missing:termination_letter",
    ),
    S(
        "job_loss_missing_bank",
        "EIS without bank proof",
        "job_loss",
        None,
        "clean",
        "missing:bank_statement",
        packaging="textpdf",
    ),
    # Eligibility.
    S(
        "td_time_barred",
        "Received 13 months after the accident (R02)",
        TD,
        "workplace",
        "mild",
        "time_barred",
        packaging="textpdf",
    ),
    S(
        "pd_time_barred",
        "FHUK 12 months after the last MC day (R09)",
        PD,
        "workplace",
        "mild",
        "time_barred",
    ),
    S(
        "job_loss_time_barred",
        "EIS received 75 days after the last day (R14)",
        "job_loss",
        None,
        "mild",
        "time_barred",
    ),
    S(
        "td_mc_too_short",
        "Only 3 days with the accident day (R03)",
        TD,
        "workplace",
        "mild",
        "mc_too_short",
    ),
    # Consistency.
    S(
        "td_ic_mismatch",
        "One document prints a different IC for the insured (R16)",
        TD,
        "workplace",
        "mild",
        "ic_mismatch",
    ),
    S(
        "td_name_mismatch",
        "A colleague's payslip in the bundle",
        TD,
        "workplace",
        "mild",
        "name_mismatch",
    ),
    S(
        "td_invalid_ic",
        "insured_ic with an impossible date or PB code",
        TD,
        "workplace",
        "mild",
        "invalid_ic",
    ),
    S(
        "td_mc_days_wrong",
        "MC prints more days than its dates span",
        TD,
        "workplace",
        "mild",
        "date_mc_days",
        packaging="textpdf",
    ),
    S(
        "td_police_before_accident",
        "Police report lodged the day before the accident",
        TD,
        "commuting",
        "mild",
        "date_police_before",
    ),
    S(
        "td_mc_before_accident",
        "MC starts two days before the accident",
        TD,
        "workplace",
        "mild",
        "date_mc_before_accident",
    ),
    S(
        "td_doc_after_submission",
        "Employer letter dated after the claim was received",
        TD,
        "workplace",
        "clean",
        "date_after_submission",
    ),
    S(
        "od_diagnosis_date_differs",
        "Borang 34 prints another diagnosis date than the claim",
        OD,
        None,
        "mild",
        "date_accident_differs",
    ),
    S(
        "td_notified_before_accident",
        "Borang 34 prints a notified date before the accident",
        TD,
        "workplace",
        "mild",
        "date_notified_before",
    ),
    S(
        "td_mc_end_before_start",
        "Follow-up MC ends (a month early) before it starts",
        TD,
        "workplace",
        "mild",
        "date_mc_reversed",
    ),
    S(
        "td_accident_date_differs",
        "Borang 34 prints the accident on the day before the claim's date",
        TD,
        "commuting",
        "mild",
        "date_accident_differs",
    ),
    S(
        "td_late_report",
        "Notified to the employer 4 days after the accident (R01)",
        TD,
        "workplace",
        "mild",
        "late_report",
    ),
    S(
        "td_unreadable_page",
        "An extra phone photo nobody can read (black or pure noise)",
        TD,
        "workplace",
        "mild",
        "unreadable",
    ),
    S(
        "td_duplicate_file",
        "The same MC file uploaded twice",
        TD,
        "workplace",
        "mild",
        "duplicate_file",
    ),
    S(
        "td_duplicate_rescan",
        "The MC scanned and also photographed",
        TD,
        "workplace",
        "mild",
        "duplicate_rescan",
    ),
)

RANDOM_DEFECTS = (
    "none",
    "none",
    "none",
    "time_barred",
    "ic_mismatch",
    "name_mismatch",
    "invalid_ic",
    "unreadable",
    "duplicate_file",
    "duplicate_rescan",
    "missing:mykad",
)
TD_DEFECTS = (
    "mc_too_short",
    "late_report",
    "date_mc_days",
    "date_mc_before_accident",
    "missing:medical_certificate",
    "missing:wage_statement",
    "missing:form_34",
    "missing:attendance_record",
)
PACKAGINGS = ("separate", "separate", "separate", "stack", "textpdf", "fax", "photos", "rotated")
COMMON_DEFECTS = (
    "none",
    "ic_mismatch",
    "name_mismatch",
    "invalid_ic",
    "unreadable",
    "duplicate_file",
    "duplicate_rescan",
)
TD_ONLY_DEFECTS = (
    "mc_too_short",
    "late_report",
    "date_mc_days",
    "date_mc_before_accident",
    "date_mc_reversed",
    "date_after_submission",
)


def required_targets(scn: Scenario) -> tuple[str, ...]:
    """The documents a ``missing:`` defect can remove so that exactly one requirement fails."""
    ct = scn.claim_type
    commuting = scn.kind == "commuting"
    if ct == TD:
        notice: tuple[str, ...] = ("form_21", "form_10") if scn.legacy else ("form_34",)
        police: tuple[str, ...] = ("police_report", "sketch_map") if commuting else ()
        return (
            *notice,
            "mykad",
            "medical_certificate",
            "attendance_record",
            "wage_statement",
            *police,
        )
    if ct == OD:
        if not scn.legacy:
            return ("form_34",)
        legacy = "form_68" if scn.employed else "form_69"
        return (legacy, "form_10") if scn.with_mc else (legacy,)
    if ct == PD:
        return (
            "permanent_disablement_application",
            "mykad",
            "medical_report",
            "form_34",
            "wage_statement",
            "bank_statement",
        )
    if ct in ("dependants_benefit", "funeral_benefit", "survivors_pension"):
        police = ("police_report",) if commuting else ()
        claimant = ("mykad_claimant",) if scn.claimant else ()
        return ("form_34", "death_certificate", "mykad", *police, *claimant)
    if ct == "invalidity_pension":
        return ("form_34", "medical_report", "mykad", "bank_statement")
    return ("termination_letter", "mykad", "bank_statement")


def applicable_defects(scn: Scenario) -> tuple[str, ...]:
    """Every defect the generator can give this scenario's claim, each producing exactly its
    finding (RULES.md): the matrix the random-scenario test walks."""
    ct = scn.claim_type
    out = list(COMMON_DEFECTS)
    if ct != "invalidity_pension":  # no time bar without the contribution records (R12)
        out.append("time_barred")
    if ct == TD:
        out += TD_ONLY_DEFECTS
        if scn.kind == "commuting":
            out.append("date_police_before")
    if ct in (TD, PD):
        out.append("date_notified_before")
    if ct != "job_loss":  # the termination letter prints the last day only as text
        out.append("date_accident_differs")
    out += [f"missing:{t}" for t in required_targets(scn)]
    return tuple(out)


def random_scenarios(n: int, seed: int, severity: str) -> list[Scenario]:
    rng = random.Random(f"random|{seed}")
    out = []
    for i in range(n):
        ct = rng.choices(CLAIM_TYPES, (10, 2, 2, 1, 1, 1, 1, 2))[0]
        defects = RANDOM_DEFECTS + (TD_DEFECTS if ct == TD else ())
        defect = rng.choice(defects)
        kind = rng.choice(("workplace", "commuting", "emergency")) if ct == TD else None
        if ct == "dependants_benefit":
            kind = rng.choice(("workplace", "commuting"))
        legacy = ct in (TD, OD) and rng.random() < 0.25
        if defect == "missing:form_34" and legacy:
            defect = "missing:form_10"
        if ct == OD and legacy and defect.startswith("missing:") and defect != "missing:mykad":
            defect = "none"
        out.append(
            Scenario(
                f"random_{i:04d}",
                "random",
                ct,
                kind,
                severity,
                defect,
                rng.choice(PACKAGINGS),
                employed=rng.random() < 0.8,
                legacy=legacy,
                with_mc=rng.random() < 0.3,
                claimant=ct == "funeral_benefit" and rng.random() < 0.5,
            )
        )
    return out
