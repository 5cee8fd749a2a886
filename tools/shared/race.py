"""Several `rpa run` processes racing on one folder with one PostgreSQL ledger (issue #13).

    python3 tools/shared/race.py [--rpa .build/release/rpa] [--forms 600] [--seed 9301]
                                 [--processes 1,2,4] [--kill] [--json]

1. A private PostgreSQL server (pgcluster.py) and `--forms` generated 住民票 requests (office
   profile, seed `--seed`), cached in bench-out/shared-FORMS-SEED.
2. For each count in `--processes`: a fresh database and output folder, that many `rpa run
   --workers 1` started together on the folder; wall-clock time, pages per minute, and the ratio to
   one process. After each run, exactly once is checked: documents in the ledger = distinct scans,
   the sum of documents each process read = scans, CSV rows unique and = accepted, verify intact.
3. `--kill`: three processes (`--lease 15`); once a quarter of the scans are counted, one is killed
   with SIGKILL mid-document and started again; then the same checks.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
from shared.pgcluster import Cluster  # noqa: E402


def forms(count: int, seed: int) -> Path:
    folder = ROOT / f"bench-out/shared-{count}-{seed}"
    if not (folder / "ground_truth.json").exists():
        subprocess.run([sys.executable, str(ROOT / "tools/samplegen/cli.py"), "batch", "--form", "juminhyo",
                        "--count", str(count), "--seed", str(seed), "--out", str(folder), "--quiet"], check=True)
    return folder


def workspace(scans: Path) -> Path:
    """A scratch folder with the workflow, its template and lists, and a copy of the scans."""
    root = Path(tempfile.mkdtemp(prefix="rpa-race-"))
    (root / "workflows").mkdir()
    shutil.copy(ROOT / "workflows/juminhyo.yml", root / "workflows/juminhyo.yml")
    for folder in ("templates", "vocabularies"):
        (root / "workflows" / folder).symlink_to(ROOT / "workflows" / folder)
    (root / "scans").mkdir()
    for scan in scans.iterdir():
        if scan.suffix in {".png", ".jpg", ".tif", ".tiff", ".pdf"}:
            shutil.copy(scan, root / "scans" / scan.name)  # a link out of the folder is refused, rightly
    return root


def start(rpa: Path, root: Path, address: str, lease: int = 60) -> subprocess.Popen:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    env.pop("RPA_LEDGER", None)
    return subprocess.Popen(
        [str(rpa), "run", str(root / "workflows/juminhyo.yml"), str(root / "scans"), "--output", str(root / "out"),
         "--ledger", address, "--workers", "1", "--quiet", "--json", "--lease", str(lease)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def finish(process: subprocess.Popen) -> dict:
    out, err = process.communicate()
    if process.returncode not in (0, 3, 4):  # 4: some scans failed (counted once, as failed)
        raise RuntimeError(f"rpa run exited {process.returncode}: {err.strip()}")
    return json.loads(out)


def check(rpa: Path, root: Path, address: str, scans: int) -> dict:
    """Exactly once, from the ledger and the outputs."""
    report = json.loads(subprocess.run([str(rpa), "ledger", "report", "--ledger", address, "--format", "json"],
                                       check=True, capture_output=True, text=True).stdout)
    verify = subprocess.run([str(rpa), "ledger", "verify", "--ledger", address], capture_output=True, text=True)
    csv = (root / "out/out/juminhyo.csv").read_bytes().decode("utf-8-sig").split("\r\n")[1:]
    rows = [row for row in csv if row]
    totals = report["totals"]
    return {
        "ledger_documents": totals["documents"],
        "pages": totals["pages"],
        "csv_rows": len(rows),
        "csv_rows_unique": len(set(rows)) == len(rows),
        "accepted": totals["accepted"],
        "verify_intact": verify.returncode == 0,
        "exactly_once": totals["documents"] == scans and len(set(rows)) == len(rows) == totals["accepted"]
        and verify.returncode == 0,
    }


def race(rpa: Path, cluster: Cluster, scans: Path, count: int, processes: int) -> dict:
    root = workspace(scans)
    try:
        address = cluster.create_database()
        began = time.monotonic()
        summaries = [finish(p) for p in [start(rpa, root, address) for _ in range(processes)]]
        elapsed = time.monotonic() - began
        result = check(rpa, root, address, count)
        result.update(processes=processes, seconds=round(elapsed, 1),
                      pages_per_minute=round(result["pages"] / elapsed * 60, 1),
                      read=sum(s["processed"] + s["failed"] for s in summaries),
                      failures=sorted({f["reason"] for s in summaries for f in s["failures"]}))
        result["exactly_once"] = result["exactly_once"] and result["read"] == count
        return result
    finally:
        shutil.rmtree(root, ignore_errors=True)


def killed(rpa: Path, cluster: Cluster, scans: Path, count: int) -> dict:
    root = workspace(scans)
    try:
        address = cluster.create_database()
        began = time.monotonic()
        running = [start(rpa, root, address, lease=15) for _ in range(3)]
        counted = 0
        while counted < count // 4:
            time.sleep(0.5)
            try:
                counted = int(cluster.scalar(address, "SELECT COUNT(*) FROM documents") or 0)
            except subprocess.CalledProcessError:
                counted = 0
        held = cluster.scalar(address, "SELECT COUNT(*) FROM work_claims WHERE finished = 0")
        running[0].send_signal(signal.SIGKILL)
        running[0].wait()
        killed_at = counted
        running[0] = start(rpa, root, address, lease=15)
        for process in running:
            finish(process)
        elapsed = time.monotonic() - began
        result = check(rpa, root, address, count)
        result.update(seconds=round(elapsed, 1), killed_after_documents=killed_at, claims_open_at_kill=int(held))
        return result
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rpa", default=str(ROOT / ".build/release/rpa"))
    parser.add_argument("--forms", type=int, default=600)
    parser.add_argument("--seed", type=int, default=9301)
    parser.add_argument("--processes", default="1,2,4")
    parser.add_argument("--kill", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rpa = Path(args.rpa)
    scans = forms(args.forms, args.seed)
    results: dict = {"forms": args.forms, "seed": args.seed, "cores": os.cpu_count(), "races": []}
    with Cluster() as cluster:
        for processes in [int(p) for p in args.processes.split(",") if p]:
            outcome = race(rpa, cluster, scans, args.forms, processes)
            if results["races"]:
                outcome["ratio_to_one"] = round(outcome["pages_per_minute"] / results["races"][0]["pages_per_minute"], 2)
            results["races"].append(outcome)
            if not args.json:
                print(f"{processes} process(es): {outcome['seconds']} s, {outcome['pages_per_minute']} pages/min"
                      f"{', ×' + str(outcome['ratio_to_one']) if 'ratio_to_one' in outcome else ''}; "
                      f"read {outcome['read']}, ledger {outcome['ledger_documents']}, CSV {outcome['csv_rows']} rows "
                      f"(accepted {outcome['accepted']}), verify {'intact' if outcome['verify_intact'] else 'FAILED'}; "
                      f"exactly once: {outcome['exactly_once']}", flush=True)
        if args.kill:
            outcome = killed(rpa, cluster, scans, args.forms)
            results["kill"] = outcome
            if not args.json:
                print(f"kill -9 after {outcome['killed_after_documents']} documents "
                      f"({outcome['claims_open_at_kill']} claims open), restarted: {outcome['seconds']} s; "
                      f"ledger {outcome['ledger_documents']} of {args.forms}, CSV {outcome['csv_rows']} rows "
                      f"(accepted {outcome['accepted']}), verify {'intact' if outcome['verify_intact'] else 'FAILED'}; "
                      f"exactly once: {outcome['exactly_once']}", flush=True)
    if args.json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
    ok = all(r["exactly_once"] for r in results["races"]) and results.get("kill", {"exactly_once": True})["exactly_once"]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
