"""How documents land in files: names, formats, scan modes, severities, rotations."""

from __future__ import annotations

import random

from sample_docs.model import Doc, FileSpec, PageShot

SEVERITIES = ("clean", "mild", "harsh")
NAMES = {
    "mykad": ("IC_depan_belakang", "salinan_IC", "mykad", "IC"),
    "medical_certificate": ("MC_klinik", "MC", "sijil_cuti_sakit", "mc_scan"),
    "medical_report": ("laporan_perubatan", "medical_report", "LP_hospital"),
    "police_report": ("repot_polis", "police_report", "laporan_polis"),
    "sketch_map": ("peta_lakar", "lakaran", "sketch"),
    "form_34": ("borang34", "Borang 34", "B34_signed"),
    "form_21": ("borang21", "Borang_21"),
    "form_10": ("borang10", "Borang_10"),
    "form_68": ("PKS68", "borang68"),
    "form_69": ("PKS69", "borang69"),
    "permanent_disablement_application": ("permohonan_FHUK", "borang_FHUK"),
    "wage_statement": ("slip_gaji", "payslip", "PKSF1"),
    "attendance_record": ("kad_perakam_waktu", "attendance", "surat_majikan"),
    "bank_statement": ("buku_bank", "bank_statement", "akaun_bank"),
    "death_certificate": ("sijil_kematian", "death_cert"),
    "termination_letter": ("surat_penamatan", "termination_letter"),
    "other": ("IMG", "scan"),
}


def pick_severity(rng: random.Random, severity: str) -> str:
    if severity == "mixed":
        return rng.choices(SEVERITIES, (3, 5, 2))[0]
    return severity


def _dpi(severity: str, rng: random.Random) -> int:
    return 150 if severity == "harsh" else rng.choice((150, 150, 200))


def shots_for(
    doc: Doc,
    n_pages: int,
    severity: str,
    rng: random.Random,
    mode: str | None = None,
    rotate: bool = False,
) -> list[PageShot]:
    out = []
    for _ in range(n_pages):
        sev = pick_severity(rng, severity)
        m = mode or rng.choices(("scan_gray", "scan", "copy"), (6, 2, 2))[0]
        rot = 0
        if rotate or (sev == "harsh" and rng.random() < 0.15):
            rot = rng.choice((90, 180, 270))
        dpi = 300 if (doc.doc_type == "mykad" and doc.layout % 2 == 1) else _dpi(sev, rng)
        out.append(PageShot(sev, rot, dpi, m, rng.randrange(2**31)))
    return out


class Namer:
    """Realistic, unique file names for one bundle."""

    def __init__(self, rng: random.Random) -> None:
        self.rng, self.used = rng, set[str]()
        self.img = rng.randint(1000, 8000)
        self.scan = rng.randint(1, 90)

    def unique(self, name: str) -> str:
        stem, _, ext = name.rpartition(".")
        out, i = name, 2
        while out.lower() in self.used:
            out, i = f"{stem}_{i}.{ext}", i + 1
        self.used.add(out.lower())
        return out

    def photo(self) -> str:
        self.img += self.rng.randint(1, 40)
        if self.rng.random() < 0.25:
            h, m, s = self.rng.randint(8, 21), self.rng.randint(0, 59), self.rng.randint(0, 59)
            return self.unique(
                f"WhatsApp Image 2026-10-{self.rng.randint(1, 28):02d} at {h}.{m:02d}.{s:02d}.jpeg"
            )
        return self.unique(f"IMG_{self.img}.jpg")

    def scan_name(self, ext: str = "pdf") -> str:
        self.scan += self.rng.randint(1, 9)
        return self.unique(f"scan_{self.scan:04d}.{ext}")

    def typed(self, doc_type: str, ext: str) -> str:
        if self.rng.random() < 0.3:
            return self.scan_name(ext) if ext != "jpg" else self.photo()
        return self.unique(f"{self.rng.choice(NAMES[doc_type])}.{ext}")


def separate(
    docs: list[Doc],
    severity: str,
    rng: random.Random,
    namer: Namer,
    text_types: tuple[str, ...] = (),
) -> list[FileSpec]:
    """One file per document, formats as employers send them."""
    files = []
    for doc in docs:
        n = doc.n_pages
        if doc.doc_type in text_types:
            files.append(
                FileSpec(
                    namer.typed(doc.doc_type, "pdf"),
                    "pdf_text",
                    [doc],
                    [shots_for(doc, n, "clean", rng, "textpdf")],
                )
            )
            continue
        if doc.doc_type == "mykad" and doc.layout % 2 == 1:
            files.append(
                FileSpec(namer.photo(), "jpg", [doc], [shots_for(doc, 1, severity, rng, "photo")])
            )
            continue
        if n > 1 or rng.random() < 0.45:
            files.append(
                FileSpec(
                    namer.typed(doc.doc_type, "pdf"),
                    "pdf_scan",
                    [doc],
                    [shots_for(doc, n, severity, rng)],
                )
            )
        else:
            mode = rng.choice(("scan_gray", "scan", "photo", "png"))
            if mode == "png":  # a fax server's output: 1-bit PNG
                shots = shots_for(doc, 1, severity, rng, "fax")
                files.append(FileSpec(namer.typed(doc.doc_type, "png"), "png", [doc], [shots]))
                continue
            name = namer.photo() if mode == "photo" else namer.typed(doc.doc_type, "jpg")
            files.append(FileSpec(name, "jpg", [doc], [shots_for(doc, 1, severity, rng, mode)]))
    return files


def stack(
    docs: list[Doc], severity: str, rng: random.Random, namer: Namer, rotate_some: bool = False
) -> FileSpec:
    shots = [
        shots_for(
            d, d.n_pages, severity, rng, "scan_gray", rotate=rotate_some and rng.random() < 0.5
        )
        for d in docs
    ]
    return FileSpec(namer.scan_name(), "pdf_scan", docs, shots)


def fax(docs: list[Doc], severity: str, rng: random.Random, namer: Namer) -> FileSpec:
    shots = [shots_for(d, d.n_pages, severity, rng, "fax") for d in docs]
    for s in shots:
        for shot in s:
            shot.dpi = 200
    return FileSpec(namer.unique(f"FAX{rng.randint(10000, 99999)}.tif"), "tiff", docs, shots)


def photos(docs: list[Doc], severity: str, rng: random.Random, namer: Namer) -> list[FileSpec]:
    out = []
    for d in docs:
        shots = [shots_for(d, d.n_pages, severity, rng, "photo")]
        if d.n_pages == 1:
            out.append(FileSpec(namer.photo(), "jpg", [d], shots))
        else:  # a phone scanner app makes one PDF of the photos
            name = namer.unique(
                f"CamScanner {rng.randint(1, 28):02d}-10-2026 "
                f"{rng.randint(8, 21):02d}.{rng.randint(0, 59):02d}.pdf"
            )
            out.append(FileSpec(name, "pdf_scan", [d], shots))
    return out
