"""Copies the committed workflows with every zone grown by N pixels on each side: zones drawn on (or
across) the cells' ruling lines instead of carefully inset, for measuring how reading copes.

    python3 tools/zones/grow.py --by 12 --out bench-out/border
    rpa bench forms --no-baseline --workers 1 --workflows bench-out/border
"""

from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ZONE = re.compile(r"zone: \[(\d+), (\d+), (\d+), (\d+)\]")


def grow(text: str, by: int) -> str:
    def wider(match: re.Match) -> str:
        x, y, w, h = map(int, match.groups())
        return f"zone: [{max(0, x - by)}, {max(0, y - by)}, {w + 2 * by}, {h + 2 * by}]"
    return ZONE.sub(wider, text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--by", type=int, default=12, help="pixels added on each side (300 dpi)")
    parser.add_argument("--out", required=True, help="folder for the grown workflows")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for folder in ("templates", "vocabularies"):
        shutil.copytree(ROOT / "workflows" / folder, out / folder, dirs_exist_ok=True)
    for workflow in sorted((ROOT / "workflows").glob("*.yml")):
        (out / workflow.name).write_text(grow(workflow.read_text(encoding="utf-8"), args.by), encoding="utf-8")
    print(f"{out}: zones grown by {args.by} px")


if __name__ == "__main__":
    main()
