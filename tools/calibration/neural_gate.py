"""Calibrates the neural recognizer's part in the gate from `rpa bench forms --fields DUMP` lines.

For each field type: how often each engine reads the true value, how often they agree, and, for each
floor on the neural reading's lowest character probability, how many agreeing fields are right and
how many wrong (a wrong one would be accepted silently). Choose the floor on calibration seeds only
(docs/ocr.md); check it on held-out sets, never tune on them.

    python3 tools/calibration/neural_gate.py DUMP.jsonl [--floors 0.5,0.8,0.9,0.95]
"""

import argparse
import collections
import json


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dump")
    parser.add_argument("--floors", default="0,0.5,0.7,0.8,0.9,0.95,0.98")
    args = parser.parse_args()
    floors = [float(f) for f in args.floors.split(",")]
    lines = [json.loads(line) for line in open(args.dump, encoding="utf-8")]
    lines = [line for line in lines if line.get("neural") is not None]
    by_type = collections.defaultdict(list)
    for line in lines:
        by_type[line["type"]].append(line)
    print(f"{len(lines)} text fields read by both engines")
    header = "type          n  tess%  neur%  either%  agree1  agree2 | " + "  ".join(f"≥{f}" for f in floors)
    print(header)
    totals = collections.Counter()
    for kind, items in sorted(by_type.items()):
        n = len(items)
        tess = sum(1 for i in items if i["right"])
        neural = sum(1 for i in items if i.get("neuralRight"))
        either = sum(1 for i in items if i["right"] or i.get("neuralRight"))
        agree1 = [i for i in items if i.get("neuralAgreesFirst")]
        agree2 = [i for i in items if i.get("neuralAgreesSecond") and not i.get("neuralAgreesFirst")]
        cells = []
        for floor in floors:
            kept = [i for i in agree1 if (i.get("neuralProbability") or 0) >= floor]
            wrong = sum(1 for i in kept if not i["right"])
            cells.append(f"{len(kept) - wrong}/{wrong}")
            totals[(floor, "right")] += len(kept) - wrong
            totals[(floor, "wrong")] += wrong
        print(
            f"{kind:12} {n:3} {100 * tess / n:6.1f} {100 * neural / n:6.1f} {100 * either / n:7.1f}"
            f" {len(agree1):7} {len(agree2):7} | " + "  ".join(cells)
        )
    print("all agreeing with the first reading, right/wrong per floor: " + "  ".join(
        f"≥{f}: {totals[(f, 'right')]}/{totals[(f, 'wrong')]}" for f in floors))
    print("\nthe neural reading alone, where it does not agree with the first: right/wrong per floor")
    for kind, items in sorted(by_type.items()):
        # Only a valid value could ever be accepted alone.
        alone = [i for i in items if not i.get("neuralAgreesFirst") and i.get("neuralValue") is not None]
        cells = []
        for floor in floors:
            kept = [i for i in alone if (i.get("neuralProbability") or 0) >= floor]
            wrong = sum(1 for i in kept if not i.get("neuralRight"))
            cells.append(f"{len(kept) - wrong}/{wrong}")
        print(f"{kind:12} {len(alone):3} | " + "  ".join(cells))
    print("\nagreeing but wrong (file, field, first reading, neural reading, probability):")
    for line in lines:
        if line.get("neuralAgreesFirst") and not line["right"]:
            print(f"  {line['file']} {line['field']}: {line['raw']!r} / {line['neural']!r}"
                  f" {line.get('neuralProbability', 0):.3f}")
    print("\nthe neural reading alone wrong at probability ≥ 0.9 (file, field, neural reading, probability):")
    for line in lines:
        if (not line.get("neuralAgreesFirst") and not line.get("neuralRight") and line.get("neuralValue") is not None
                and (line.get("neuralProbability") or 0) >= 0.9):
            print(f"  {line['file']} {line['field']} ({line['type']}): {line['neural']!r} {line['neuralProbability']:.3f}")


if __name__ == "__main__":
    main()
