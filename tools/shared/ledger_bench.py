"""`rpa ledger bench` on SQLite and on PostgreSQL, one after the other, on the same machine.

    python3 tools/shared/ledger_bench.py [--rpa .build/release/rpa] [--rows 100000]

The PostgreSQL server is a private one (pgcluster.py) with the server's default durability settings
(fsync on, synchronous_commit on), listening on a Unix socket: each commit waits for its WAL flush,
where the SQLite ledger (WAL, synchronous=NORMAL) does not sync on each commit.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
from shared.pgcluster import Cluster  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rpa", default=str(ROOT / ".build/release/rpa"))
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    bench = [args.rpa, "ledger", "bench", "--rows", str(args.rows)]
    print("== SQLite (a temporary file)", flush=True)
    subprocess.run(bench, check=True)
    with Cluster() as cluster:
        print("== PostgreSQL 15 (a private server on a Unix socket)", flush=True)
        subprocess.run(bench + ["--ledger", cluster.create_database()], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
