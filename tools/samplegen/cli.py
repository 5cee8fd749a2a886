#!/usr/bin/env python3
"""Command line of the sample-scan generator.

    python3 tools/samplegen/cli.py templates
    python3 tools/samplegen/cli.py batch --form juminhyo --count 10 --seed 101 --out samples/juminhyo/batch-01
    python3 tools/samplegen/cli.py fixtures

Paths default to the repository this file lives in. See docs/samples.md.
"""

from __future__ import annotations

import argparse
import os
import sys

_TOOLS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO = os.path.dirname(_TOOLS)
if _TOOLS not in sys.path:
    sys.path.insert(0, _TOOLS)

from samplegen import batch, fixtures, fonts  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="samplegen", description="Deterministic sample scans with ground truth.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("templates", help="blank templates + layout.json into workflows/templates/")
    t.add_argument("--out", default=os.path.join(REPO, "workflows", "templates"))
    b = sub.add_parser("batch", help="filled, degraded scans + ground_truth.json")
    b.add_argument("--form", required=True, choices=batch.FORM_IDS)
    b.add_argument("--count", type=int, required=True)
    b.add_argument("--seed", type=int, required=True)
    b.add_argument("--out", required=True)
    b.add_argument("--invalid", type=int, default=None,
                   help="number of forms made invalid on purpose (default: 2 per 10)")
    b.add_argument("--profile", choices=["clean", "office", "harsh"], default="office")
    b.add_argument("--qr", action="store_true",
                   help="also print each form's values as a QR code (some stained, some torn)")
    b.add_argument("--hand", choices=list(fonts.HAND_GROUPS), default=None,
                   help="write the values by hand with the fonts of this group only (calibration: "
                        "Seto, Klee One, Yusei Magic; held-out: Kiloji, YOzFont); any --profile")
    b.add_argument("--quiet", action="store_true")
    f = sub.add_parser("fixtures", help="OCR test fixtures into Tests/Fixtures/ocr/")
    f.add_argument("--out", default=os.path.join(REPO, "Tests", "Fixtures", "ocr"))
    args = ap.parse_args(argv)

    try:
        fonts.check_all()
        if getattr(args, "hand", None):
            fonts.check_all(fonts.HAND_GROUPS[args.hand])
    except fonts.FontMissing as e:
        print(f"samplegen: {e}", file=sys.stderr)
        return 2

    if args.cmd == "templates":
        for p in batch.write_templates(args.out):
            print(os.path.relpath(p))
    elif args.cmd == "batch":
        log = None if args.quiet else print
        truth = batch.generate_batch(args.form, args.count, args.seed, args.out, args.invalid, args.profile, log=log,
                                     qr=args.qr, hand=args.hand)
        print(f"{len(truth['files'])} files, {truth['invalid_count']} invalid -> "
              f"{os.path.join(args.out, 'ground_truth.json')}")
    elif args.cmd == "fixtures":
        for p in fixtures.write_fixtures(args.out):
            print(f"{os.path.relpath(p)} {os.path.getsize(p)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
