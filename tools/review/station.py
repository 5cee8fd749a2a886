"""A review station to drive: a copy of the workflows and a sample batch in a scratch folder, read by
`rpa run` (which leaves the doubtful documents in the review queue), then `rpa review serve` on a free
port. Used by tools/tests/test_review_station.py and tools/review/bench.py.

    with Station.start(workspace) as station:
        station.url            # http://127.0.0.1:PORT/
        station.rpa("review", "list", station.workflow)
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]
BATCH = ROOT / "samples/juminhyo/batch-01"
WORKFLOW_NAME = "juminhyo.yml"


class StationError(RuntimeError):
    """The station could not be set up; the message says what to do."""


def rpa_binary() -> Path:
    """$RPA_BINARY, else the debug build; an error naming the fix when it is missing."""
    path = Path(os.environ.get("RPA_BINARY") or ROOT / ".build/debug/rpa")
    if not path.is_file():
        raise StationError(f"the rpa binary is missing at {path}: run `swift build` (or set RPA_BINARY)")
    return path


def ground_truth(batch: Path = BATCH) -> dict[str, dict[str, str]]:
    """The batch's ground truth, file → field → the value as the station shows and takes it:
    ticked options joined by `;`, numbers as digits, no value as ``""``."""
    data = json.loads((batch / "ground_truth.json").read_text(encoding="utf-8"))
    return {entry["file"]: {name: as_text(value) for name, value in entry["values"].items()}
            for entry in data["files"]}


def invalid_reasons(batch: Path = BATCH) -> dict[str, list[str]]:
    """file → the ground truth's reasons the paper itself is wrong (`required_box`, `check_digit`)."""
    data = json.loads((batch / "ground_truth.json").read_text(encoding="utf-8"))
    return {entry["file"]: [problem["reason"] for problem in entry["invalid"]] for entry in data["files"]}


def as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(value)
    return str(value)


@dataclass
class Station:
    """A running `rpa review serve` over a scratch copy of the workflows and a batch."""

    workspace: Path
    binary: Path
    process: subprocess.Popen | None = None
    url: str = ""
    run_exit: int | None = None
    stderr_lines: list[str] = field(default_factory=list)

    @property
    def workflow(self) -> Path:
        return self.workspace / "workflows" / WORKFLOW_NAME

    @property
    def ledger(self) -> Path:
        return self.workspace / "ledger.sqlite"

    @property
    def csv(self) -> Path:
        """The workflow's CSV output (`outputs: csv: out/juminhyo.csv`, beside the workflow)."""
        return self.workspace / "workflows" / "out" / "juminhyo.csv"

    @classmethod
    def start(cls, workspace: Path, batch: Path = BATCH, timeout: float = 60, binary: Path | None = None,
              edit: Callable[[str], str] | None = None, tesseract_only: bool = False) -> "Station":
        """Copies (the workflow changed by `edit`, when given), runs the batch (exit 3: documents wait for
        review; read by Tesseract alone with `tesseract_only`, RPA_NEURAL=off), and starts the station."""
        station = cls(workspace=workspace, binary=(binary or rpa_binary()).resolve())
        shutil.copytree(ROOT / "workflows", workspace / "workflows",
                        ignore=shutil.ignore_patterns("out", "review", ".rpa"))
        if edit:
            station.workflow.write_text(edit(station.workflow.read_text(encoding="utf-8")), encoding="utf-8")
        shutil.copytree(batch, workspace / batch.name)
        run = station.rpa("run", station.workflow, workspace / batch.name, "--ledger", station.ledger, "--quiet",
                          timeout=300, neural=not tesseract_only)
        station.run_exit = run.returncode
        if run.returncode not in (0, 3):
            raise StationError(f"rpa run exited {run.returncode}: {run.stderr or run.stdout}")
        station.serve(timeout)
        return station

    def serve(self, timeout: float) -> None:
        """Starts `rpa review serve --port 0` and reads the URL from its first line."""
        command = [str(self.binary), "review", "serve", str(self.workflow), "--ledger", str(self.ledger),
                   "--port", "0"]
        self.process = subprocess.Popen(command, cwd=self.workspace, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, encoding="utf-8")
        first: list[str] = []
        reader = threading.Thread(target=lambda: first.append(self.process.stdout.readline()), daemon=True)
        reader.start()
        reader.join(timeout)
        # Keep draining stderr so a chatty server never blocks on a full pipe.
        threading.Thread(target=self._drain, daemon=True).start()
        match = re.match(r"Review station: (http://127\.0\.0\.1:\d+/)", first[0] if first else "")
        if not match:
            self.stop()
            raise StationError(f"`{' '.join(command)}` did not print its URL within {timeout:.0f} s "
                               f"(first line: {first[0] if first else 'none'!r}; "
                               f"stderr: {''.join(self.stderr_lines)[-2000:]!r})")
        self.url = match.group(1)

    def _drain(self) -> None:
        for line in self.process.stderr:
            self.stderr_lines.append(line)

    def rpa(self, *args, timeout: float = 120, neural: bool = True) -> subprocess.CompletedProcess:
        """Runs the rpa binary (in the workspace) and returns its result; Tesseract alone unless `neural`."""
        environment = dict(os.environ, OMP_THREAD_LIMIT="1")
        if not neural:
            environment["RPA_NEURAL"] = "off"
        return subprocess.run([str(self.binary), *map(str, args)], cwd=self.workspace, capture_output=True,
                              text=True, timeout=timeout, env=environment)

    def stop(self) -> int | None:
        """SIGTERM, then SIGKILL after 10 s; the exit status."""
        if not self.process or self.process.poll() is not None:
            return self.process.returncode if self.process else None
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait(10)

    def __enter__(self) -> "Station":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
