"""python -m verifier: report on stdout and exit 0 whatever the verdict; bad input exits 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from verifier_helpers import ROOT, claim_data

from verifier.__main__ import main
from verifier.bundle import bundle_files, verify_bundle


def make_bundle(tmp_path: Path, claim: object | None = None, raw: str | None = None) -> Path:
    folder = tmp_path / "bundle"
    folder.mkdir()
    if raw is not None:
        (folder / "claim.json").write_text(raw, encoding="utf-8")
    elif claim is not None:
        (folder / "claim.json").write_text(json.dumps(claim), encoding="utf-8")
    return folder


def test_cli_prints_the_report_and_exits_0_even_when_incomplete(tmp_path: Path) -> None:
    folder = make_bundle(tmp_path, claim_data())
    proc = subprocess.run(
        [sys.executable, "-m", "verifier", str(folder), "--today", "2026-11-21"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["verdict"] == "incomplete" and report["claim_id"] == "C-TEST-1"
    assert report["checked_on"] == "2026-11-21"


BAD = [
    ("no claim.json", None, None, "no claim.json"),
    ("invalid JSON", None, "{not json", "not valid JSON"),
    ("unknown claim type", claim_data(claim_type="holiday_pay"), None, "unknown claim type"),
    ("schema violation", claim_data(insured_ic="12"), None, "insured_ic"),
    ("JSON but not an object", None, "[1, 2]", "JSON object"),
    ("unknown key", {**claim_data(), "corrections": []}, None, "unknown key 'corrections'"),
    ("purged_at", {**claim_data(), "purged_at": "2026-01-01"}, None, "unknown key 'purged_at'"),
]


@pytest.mark.parametrize(
    ("claim", "raw", "fragment"), [b[1:] for b in BAD], ids=[b[0] for b in BAD]
)
def test_bad_input_exits_2_with_one_line(tmp_path: Path, capsys, claim, raw, fragment) -> None:
    folder = make_bundle(tmp_path, claim, raw)
    assert main([str(folder)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and fragment in err and err.count("\n") == 1


def test_missing_or_unreadable_folder_exits_2(tmp_path: Path, capsys) -> None:
    assert main([str(tmp_path / "nowhere")]) == 2
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    assert main([str(a_file)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and "not a claim folder" in err


def test_bad_today_exits_2(tmp_path: Path) -> None:
    folder = make_bundle(tmp_path, claim_data())
    with pytest.raises(SystemExit) as exc:  # argparse's own exit, inside main's parse
        from verifier.__main__ import parse_args

        parse_args([str(folder), "--today", "21/11/2026"])
    assert exc.value.code == 2
    assert main([str(folder), "--today", "21/11/2026"]) == 2


@pytest.mark.parametrize(("fmt", "magic"), [("html", b"<!doctype html>"), ("pdf", b"%PDF-")])
def test_html_and_pdf_to_a_file(tmp_path: Path, fmt: str, magic: bytes) -> None:
    folder = make_bundle(tmp_path, claim_data())
    out = tmp_path / f"report.{fmt}"
    assert main([str(folder), "--format", fmt, "--lang", "ms", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(magic)


def test_bundle_files_skip_claim_truth_and_readme(tmp_path: Path) -> None:
    folder = make_bundle(tmp_path, claim_data())
    for name in ("b.pdf", "a.jpg", "expected_report.json", "truth.json", "README.md", "Readme"):
        (folder / name).write_bytes(b"x")
    (folder / "sub").mkdir()
    assert [name for _, name in bundle_files(folder)] == ["a.jpg", "b.pdf"]


def test_verify_bundle_reports_a_file_intake_cannot_open(tmp_path: Path) -> None:
    folder = make_bundle(tmp_path, claim_data())
    (folder / "notes.txt").write_text("not a document")
    report = verify_bundle(folder)
    assert "UNREADABLE_DOCUMENT" in [f["code"] for f in report["findings"]]
    assert report["files"][0]["file"] == "notes.txt" and report["files"][0]["error_code"]


def test_verify_bundle_reads_a_real_text_pdf(tmp_path: Path) -> None:
    """The whole path through intake: a one-page text PDF becomes one document entry."""
    from reportlab.pdfgen import canvas

    folder = make_bundle(tmp_path, claim_data())
    pdf = canvas.Canvas(str(folder / "mc.pdf"))
    for i, line in enumerate(
        [
            "SIJIL CUTI SAKIT / MEDICAL CERTIFICATE",
            "Nama: MUHAMMAD HAFIZ BIN ISMAIL",
            "No. K/P: 870903-10-6231",
        ]
    ):
        pdf.drawString(72, 800 - 20 * i, line)
    pdf.showPage()
    pdf.save()
    report = verify_bundle(folder)
    assert [(d["file"], d["pages"]) for d in report["documents"]] == [("mc.pdf", [1])]
    assert report["files"] == [{"file": "mc.pdf", "pages": 1, "error_code": None}]
    assert report["engine"]["rules_version"]
