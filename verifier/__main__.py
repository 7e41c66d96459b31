"""python -m verifier CLAIM_DIR [--format json|html|pdf] [--today D] [--lang en|ms] [-o FILE].

Exit 0 whatever the verdict; 2 with one line on stderr for bad input (spec section 2).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from intake.errors import SemakError


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM-DD date: {text!r}") from None


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m verifier", description=__doc__.splitlines()[0])
    p.add_argument("claim_dir", type=Path, help="folder holding claim.json and the documents")
    p.add_argument("--format", choices=("json", "html", "pdf"), default="json")
    p.add_argument("--today", type=_date, default=None, help="the date of the check (YYYY-MM-DD)")
    p.add_argument("--lang", choices=("en", "ms"), default="en")
    p.add_argument("-o", "--output", type=Path, default=None, help="write here, not stdout")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    try:
        args = parse_args(argv)
    except SystemExit as exc:  # argparse already printed its line
        return 2 if exc.code else 0
    from intake.options import ReadOptions
    from verifier.bundle import verify_bundle

    try:
        options = ReadOptions.from_env()
        report = verify_bundle(args.claim_dir, today=args.today, read_options=options)
    except SemakError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    data = _render(report, args.format, args.lang)
    try:
        if args.output:
            args.output.write_bytes(data)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
    except OSError as exc:
        print(f"error: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
        return 2
    return 0


def _render(report: dict, fmt: str, lang: str) -> bytes:
    if fmt == "json":
        return (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    from verifier.render import render_html, render_pdf

    if fmt == "html":
        return render_html(report, lang=lang).encode("utf-8")
    return render_pdf(report, lang=lang)


if __name__ == "__main__":
    sys.exit(main())
