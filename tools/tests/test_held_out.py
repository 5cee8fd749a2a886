"""Zero silent errors on held-out sets (issues #12, #20): forms generated with seeds no threshold was ever
chosen on (8501–8503 printed; 8601–8603 filled in by hand with the held-out hands, fonts-kiloji and
fonts-yozvox-yozfont; the gate was calibrated on 8101–8103, 8301–8303 and 9201–9203 with the calibration
hands, docs/ocr.md), read by the committed workflows through `rpa bench forms`, the same path as `rpa run`.
Nothing accepted may be wrong.

Needs the debug binary (`swift build`, or $RPA_BIN) and the generator's packages (tools/requirements.txt).
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RPA = Path(os.environ.get("RPA_BIN", ROOT / ".build/debug/rpa"))
HELD_OUT = {
    "printed": ({"juminhyo": 8501, "jidoteate": 8502, "tennyu": 8503}, []),
    "handwritten": ({"juminhyo": 8601, "jidoteate": 8602, "tennyu": 8603}, ["--hand", "held-out"]),
}


@pytest.mark.parametrize("kind", HELD_OUT)
def test_nothing_wrong_is_accepted_on_held_out_forms(tmp_path, kind):
    if not RPA.exists():
        pytest.fail(f"{RPA} is missing: build it first (swift build)")
    seeds, options = HELD_OUT[kind]
    batches = []
    for form, seed in seeds.items():
        out = tmp_path / form
        subprocess.run([sys.executable, str(ROOT / "tools/samplegen/cli.py"), "batch", "--form", form,
                        "--count", "10", "--seed", str(seed), "--out", str(out), "--quiet", *options],
                       check=True)
        batches.append(str(out))
    run = subprocess.run([str(RPA), "bench", "forms", *batches, "--no-baseline", "--workers", "2", "--json"],
                         cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr
    score = json.loads(run.stdout)["score"]
    assert score["documents"] == 30 and score["failed"] == 0
    assert score["silentDocuments"] == 0, score["silentExamples"]
    assert score["acceptedFieldsCorrect"] == score["acceptedFields"]
    # Every invalid form is in review; on print, some forms are accepted (the gate is not simply closed).
    # Handwritten forms go straight through far less often (BENCHMARKS.md): there only silence is asserted.
    if kind == "printed":
        assert score["accepted"] > 0
    assert score["invalidCaught"] == score["invalidDocuments"] > 0
