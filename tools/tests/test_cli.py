"""The rpa command as a user runs it: outputs, JSON for scripts, exit codes, error messages.

Runs the debug binary that `make test` builds first (`swift build`), on committed fixtures."""
import json
import os
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RPA = Path(os.environ.get("RPA_BIN", ROOT / ".build/debug/rpa"))
OCR = ROOT / "Tests/Fixtures/ocr"
pytestmark = pytest.mark.skipif(not RPA.exists(), reason="build rpa first (swift build)")


def rpa(*args, cwd=ROOT):
    return subprocess.run([str(RPA), *map(str, args)], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_ocr_prints_text_and_confidence_for_name_and_digits():
    out = rpa("ocr", OCR / "card_clean.png", "--template", OCR / "card_template.png", "--lang", "jpn",
              "--zone", "360,111,764,122")
    assert out.returncode == 0, out.stderr
    assert "山田 花子" in out.stdout and "confidence" in out.stdout
    out = rpa("ocr", OCR / "card_clean.png", "--lang", "eng", "--zone", "360,401,764,128", "--json")
    data = json.loads(out.stdout)
    zone = data["zones"][0]["reading"]
    assert zone["text"] == "042-754-1111"
    assert zone["confidence"] > 50 and zone["words"][0]["confidence"] > 50


@pytest.mark.parametrize("name, reason", [
    ("empty.png", "empty"), ("truncated.png", "truncated or damaged"),
    ("not_an_image.png", "not a PNG, JPEG, TIFF or PDF"), ("huge.png", "30000×30000"),
])
def test_bad_scans_give_one_clear_error(name, reason):
    out = rpa("ocr", OCR / name)
    assert out.returncode == 65
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and reason in lines[0], out.stderr


def test_doctor_reports_versions_and_models_as_json():
    out = rpa("doctor", "--json")
    data = json.loads(out.stdout)
    assert out.returncode == 0 and data["fixes"] == []
    assert data["tesseract"].startswith("5") and "jpn" in data["installedLanguages"]
    out = rpa("doctor", "--lang", "jpn+kor")
    assert out.returncode == 69 and "sudo apt-get install -y tesseract-ocr-kor" in out.stdout


def test_check_reports_file_line_column_and_exits_65(tmp_path):
    broken = tmp_path / "form.yml"
    broken.write_text((ROOT / "workflows/juminhyo.yml").read_text(encoding="utf-8")
                      .replace("department:", "departmnt:")
                      .replace("templates/", str(ROOT / "workflows/templates") + "/")
                      .replace("vocabularies/", str(ROOT / "workflows/vocabularies") + "/"), encoding="utf-8")
    out = rpa("check", broken)
    assert out.returncode == 65
    assert f"{broken}:5:1: unknown key 'departmnt'" in out.stderr
    assert rpa("check", ROOT / "workflows/juminhyo.yml").returncode == 0


def test_run_preview_and_review_from_the_command_line(tmp_path):
    scans = tmp_path / "scans"
    scans.mkdir()
    for name in ["juminhyo-002.jpg", "juminhyo-003.tif"]:
        (scans / name).write_bytes((ROOT / "samples/juminhyo/batch-01" / name).read_bytes())
    (scans / "notes.txt").write_text("not a scan")
    workflow = ROOT / "workflows/juminhyo.yml"
    common = ["--output", tmp_path / "out", "--ledger", tmp_path / "ledger.sqlite"]
    out = rpa("run", workflow, scans, *common, "--json")
    summary = json.loads(out.stdout)
    assert summary["documents"] == 2 and summary["ignored"] and out.stderr == ""  # no progress bar off a terminal
    assert out.returncode == (3 if summary["waiting"] else 0)
    again = rpa("run", workflow, scans, *common, "--quiet")
    assert again.returncode == out.returncode and "2 already processed" in again.stdout
    listing = rpa("review", "list", workflow, "--output", tmp_path / "out")
    assert "juminhyo-003.tif" in listing.stdout  # 交付種別 left unticked on purpose
    preview = rpa("preview", workflow, scans / "juminhyo-002.jpg", "-o", tmp_path / "p.png")
    assert preview.returncode == 0 and (tmp_path / "p.png").read_bytes()[:4] == b"\x89PNG"
    assert "氏名" in preview.stdout
    report = rpa("ledger", "--ledger", tmp_path / "ledger.sqlite", "--format", "json")
    assert json.loads(report.stdout)


def test_two_runs_at_once_on_overlapping_folders_count_each_document_once(tmp_path):
    batch = ROOT / "samples/juminhyo/batch-01"
    names = sorted(p.name for p in batch.iterdir() if p.suffix in (".tif", ".jpg"))
    folders = [tmp_path / "a", tmp_path / "b"]
    for folder, chosen in zip(folders, [names[:7], names[3:]]):
        folder.mkdir()
        for name in chosen:
            (folder / name).write_bytes((batch / name).read_bytes())
    common = ["--output", tmp_path / "out", "--ledger", tmp_path / "ledger.sqlite", "--json", "--workers", "1"]
    runs = [subprocess.Popen([str(RPA), "run", ROOT / "workflows/juminhyo.yml", folder, *map(str, common)],
                             stdout=subprocess.PIPE, text=True) for folder in folders]
    summaries = [json.loads(run.communicate(timeout=300)[0]) for run in runs]
    assert sum(s["counted"] for s in summaries) == len(names)
    report = json.loads(rpa("ledger", "--ledger", tmp_path / "ledger.sqlite", "--format", "json").stdout)
    assert report["ledgerDocuments"] == len(names) and report["totals"]["documents"] == len(names)
    verify = rpa("ledger", "verify", "--ledger", tmp_path / "ledger.sqlite")
    assert verify.returncode == 0, verify.stdout + verify.stderr
