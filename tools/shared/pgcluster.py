"""A private PostgreSQL server for benchmarks and tool tests: initdb into a temporary folder, started
with pg_ctl listening only on a Unix socket in that folder, stopped and removed afterwards.
PostgreSQL refuses to run as root; as root the server runs as Debian's `postgres` user."""
from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path


def _binaries() -> Path:
    found = shutil.which("initdb")
    if found:
        return Path(os.path.realpath(found)).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if not versions:
        raise RuntimeError("initdb not found: install Debian's postgresql package (scripts/install-deps.sh)")
    return Path(versions[-1]).parent


class Cluster:
    def __init__(self) -> None:
        self.bin = _binaries()
        self.owner = "postgres" if os.geteuid() == 0 else None
        self.folder = Path(tempfile.mkdtemp(prefix="rpa-pg-", dir="/tmp"))
        self.data = self.folder / "data"
        if self.owner:
            shutil.chown(self.folder, user=self.owner)

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bin / program), *args]
        if self.owner:
            command = ["runuser", "-u", self.owner, "--", *command]
        subprocess.run(command, check=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)

    def __enter__(self) -> "Cluster":
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "rpa", "-E", "UTF8", "--locale=C",
                  "--no-sync")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-w", "-t", "60",
                  "-o", f"-k {self.folder} -c listen_addresses='' -c max_connections=200", "start")
        return self

    def __exit__(self, *exc) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def create_database(self) -> str:
        name = "b_" + uuid.uuid4().hex[:16]
        self._run("createdb", "-h", str(self.folder), "-U", "rpa", name)
        return self.address(name)

    def address(self, database: str) -> str:
        return f"postgresql://rpa@/{database}?host={self.folder}"

    def scalar(self, address: str, sql: str) -> str:
        database = address.split("/")[3].split("?")[0]
        command = ["psql", "-h", str(self.folder), "-U", "rpa", "-d", database, "-tAc", sql]
        return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()
