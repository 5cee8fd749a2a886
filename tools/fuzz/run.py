"""Runs every file of a folder through the product's loading path, one `rpa ocr` process per file,
and prints what happened: refused cleanly / read / failed otherwise / crashed / hung, the largest
resident memory of one process and the longest time of one file.

    python3 tools/fuzz/run.py --rpa .build/release/rpa bench-out/fuzz

`rpa ocr FILE --checkbox 0,0,16,16 --lang eng` loads every page of the file (within the loader's
limits), cleans the first, and reads one small box: the same loading and clean-up as `rpa run`,
without spending seconds in Tesseract on each page. Exit 65 with `error: FILE: reason` is a clean
refusal; any other error exit with a message (a page too small for the box, say) is `failed`; a
signal (or exit ≥ 128) is a crash; the time limit passed is a hang.
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class Reaper(subprocess.Popen):
    """A Popen that reaps its child with wait4, keeping the child's peak resident memory (on Linux
    the larger of its own and its reaped children's, so pdftoppm's counts too)."""

    max_rss = 0

    def _try_wait(self, wait_flags):
        try:
            pid, status, usage = os.wait4(self.pid, wait_flags)
        except ChildProcessError:
            return (self.pid, 0)
        if pid == self.pid:
            self.max_rss = usage.ru_maxrss * 1024
        return (pid, status)



def run_one(rpa, path, timeout):
    """(outcome, seconds, max RSS in bytes, rpa's error line, whether a decoder printed too) for one file."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    start = time.monotonic()
    process = Reaper(
        [str(rpa), "ocr", str(path), "--checkbox", "0,0,16,16", "--lang", "eng"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, start_new_session=True)
    outcome = None
    try:
        _, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        _, err = process.communicate()
        outcome = "hung"
    seconds = time.monotonic() - start
    rss = process.max_rss
    lines = err.decode("utf-8", "replace").strip().splitlines()
    # libpng and libjpeg may print a line of their own before rpa's error.
    refusal = next((line for line in lines if line.startswith(f"error: {path}: ")), None)
    first = refusal or (lines[-1] if lines else "")
    code = process.returncode
    if outcome is None:
        if code == 0:
            outcome = "read"
        elif code == 65 and refusal:
            outcome = "refused"
        elif code < 0 or code >= 128:
            outcome = "crashed"
        else:
            outcome = "failed"
    # A decoder's own stderr line besides rpa's error: the refusal was clean but not quiet.
    noisy = outcome == "refused" and len(lines) > 1
    return outcome, seconds, rss, f"exit {code}: {first}", noisy


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rpa", type=Path, default=ROOT / ".build/release/rpa")
    parser.add_argument("--timeout", type=float, default=150, help="seconds before a file counts as hung")
    parser.add_argument("--json", type=Path, help="also write the figures and every non-clean file here")
    args = parser.parse_args()
    if not args.rpa.exists():
        sys.exit(f"{args.rpa} does not exist; build it first (make release)")
    files = sorted(p for p in args.folder.iterdir() if p.is_file())
    counts = {"refused": 0, "read": 0, "failed": 0, "crashed": 0, "hung": 0}
    worst = {"rss": (0, ""), "seconds": (0.0, "")}
    notable = []
    noisy_refusals = 0
    started = time.monotonic()
    for n, path in enumerate(files, 1):
        outcome, seconds, rss, message, noisy = run_one(args.rpa, path, args.timeout)
        counts[outcome] += 1
        noisy_refusals += noisy
        if rss > worst["rss"][0]:
            worst["rss"] = (rss, path.name)
        if seconds > worst["seconds"][0]:
            worst["seconds"] = (seconds, path.name)
        if outcome in ("failed", "crashed", "hung"):
            notable.append({"file": path.name, "outcome": outcome, "message": message[:200]})
        if n % 100 == 0:
            print(f"  {n}/{len(files)} files …", file=sys.stderr, flush=True)
    total = time.monotonic() - started
    print(f"fuzz-images: {len(files)} mutated files through `rpa ocr` in {total:.0f} s")
    for outcome in ("refused", "read", "failed", "crashed", "hung"):
        print(f"  {outcome:<8} {counts[outcome]:>6}")
        if outcome == "refused":
            print(f"    of which libpng/libjpeg also printed to stderr: {noisy_refusals}")
    print(f"  max RSS      {worst['rss'][0] / 2**20:.1f} MiB ({worst['rss'][1]})")
    print(f"  max seconds  {worst['seconds'][0]:.2f} s ({worst['seconds'][1]})")
    for item in notable[:20]:
        print(f"  {item['outcome']}: {item['file']}: {item['message']}")
    if args.json:
        args.json.write_text(json.dumps({
            "files": len(files), "counts": counts, "noisy_refusals": noisy_refusals, "max_rss_bytes": worst["rss"][0],
            "max_rss_file": worst["rss"][1], "max_seconds": round(worst["seconds"][0], 3),
            "max_seconds_file": worst["seconds"][1], "seconds": round(total, 1), "notable": notable,
        }, indent=2, ensure_ascii=False))
    sys.exit(1 if counts["crashed"] or counts["hung"] else 0)


if __name__ == "__main__":
    main()
