"""Throwaway PostgreSQL and Redis servers, the generated program file and database digests.

Everything listens on 127.0.0.1 on a free port of its own and lives in one temporary folder,
so the machine's own PostgreSQL (5432) and Redis (6379) are never touched. Every start, stop
and wait has a bound; a step that overruns raises ServiceError with the logs' last lines.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psycopg
import redis
from psycopg import sql

BASE_DIR = Path(__file__).resolve().parents[2]
MACHINE_PORTS = {5432, 6379}  # the machine's own PostgreSQL and Redis
POSTGRES_USER = "postgres"  # initdb and pg_ctl refuse to run as root: they run as this user
DATABASE = "workshops"  # the app's database in the throwaway cluster


class ServiceError(RuntimeError):
    """A throwaway service did not start, stop or answer in time."""


def free_port() -> int:
    """A port nothing listens on now (never the machine's own PostgreSQL or Redis)."""
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port not in MACHINE_PORTS:
            return port


def wait_until(check: Callable[[], bool], *, timeout: float, what: str) -> float:
    """Poll `check` until it holds; the seconds it took, or ServiceError after `timeout`."""
    started = time.monotonic()
    while not check():
        if time.monotonic() - started > timeout:
            raise ServiceError(f"{what}: not within {timeout:g} s")
        time.sleep(0.05)
    return time.monotonic() - started


def tail(path: Path, lines: int = 30) -> str:
    """The last lines of a log file, for failure messages."""
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def find_binary(name: str) -> str | None:
    """A binary on PATH, else PostgreSQL's own folder (/usr/lib/postgresql/<newest>/bin)."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda path: int(Path(path).parts[-3]) if Path(path).parts[-3].isdigit() else 0,
    )
    return candidates[-1] if candidates else None


def missing_requirements() -> list[str]:
    """What the fault tests need from the machine and lack: empty when they can run."""
    missing = [name for name in ("initdb", "pg_ctl", "redis-server") if not find_binary(name)]
    if os.geteuid() == 0:
        if not shutil.which("runuser"):
            missing.append("runuser (initdb and pg_ctl refuse to run as root)")
        try:
            subprocess.run(["id", "-u", POSTGRES_USER], check=True, capture_output=True)
        except (OSError, subprocess.CalledProcessError):
            missing.append(f"a {POSTGRES_USER!r} user (initdb and pg_ctl refuse to run as root)")
    return missing


def manage(*args: str, env: dict[str, str], timeout: float) -> str:
    """Run manage.py to its end; its standard output, or ServiceError with its errors."""
    try:
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as error:
        raise ServiceError(f"manage.py {' '.join(args)}: not done within {timeout:g} s") from error
    if done.returncode:
        raise ServiceError(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def collect_static(env: dict[str, str]) -> None:
    """collectstatic, as `make test` runs it, unless its manifest is newer than static/: the
    server's pages name the hashed files of that manifest."""
    manifest = BASE_DIR / "staticfiles" / "staticfiles.json"
    if manifest.exists():
        built = manifest.stat().st_mtime
        sources = (path for path in (BASE_DIR / "static").rglob("*") if path.is_file())
        if all(path.stat().st_mtime <= built for path in sources):
            return
    manage("collectstatic", "--noinput", "--verbosity", "0", env=env, timeout=120)


class PostgresCluster:
    """A cluster of its own (initdb), trust authentication, on 127.0.0.1 only."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "data"
        self.log = root / "postgres.log"
        self.port = free_port()

    def _run(self, *args: str, timeout: float) -> subprocess.CompletedProcess:
        command = [find_binary(args[0]) or args[0], *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", POSTGRES_USER, "--", *command]
        try:
            return subprocess.run(
                command, capture_output=True, text=True, timeout=timeout, cwd=self.root
            )
        except subprocess.TimeoutExpired as error:
            raise ServiceError(f"{args[0]} {args[1]}: not done within {timeout:g} s") from error

    def _check(self, done: subprocess.CompletedProcess, what: str) -> None:
        if done.returncode:
            raise ServiceError(f"{what} failed:\n{done.stdout}{done.stderr}\n{tail(self.log)}")

    def create(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.root, user=POSTGRES_USER)
        done = self._run(
            "initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
            "--encoding=UTF8", "--locale=C", "--no-sync", timeout=60,
        )  # fmt: skip
        self._check(done, "initdb")

    def start(self) -> None:
        # No fsync: the cluster is thrown away, and the tests never crash the server itself.
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.root}"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        done = self._run(
            "pg_ctl", "start", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "30",
            "-o", options, timeout=40,
        )  # fmt: skip
        self._check(done, "pg_ctl start")

    def stop(self, mode: str = "fast") -> None:
        """Stop the server; "fast" ends the open sessions (their requests fail at once)."""
        done = self._run(
            "pg_ctl", "stop", "-D", str(self.data), "-m", mode, "-w", "-t", "30", timeout=40
        )
        self._check(done, "pg_ctl stop")

    def running(self) -> bool:
        return self._run("pg_ctl", "status", "-D", str(self.data), timeout=10).returncode == 0

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def connect(self, database: str = "postgres") -> psycopg.Connection:
        return psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname=database,
            autocommit=True, connect_timeout=5,
        )  # fmt: skip

    def create_database(self, name: str, template: str | None = None) -> None:
        query = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            query += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        with self.connect() as connection:
            connection.execute(query)

    def remove(self) -> None:
        """Stop the server however it is, then delete its files."""
        pid_file = self.data / "postmaster.pid"
        if pid_file.exists():
            try:
                self.stop(mode="immediate")
            except ServiceError:
                pid = int(pid_file.read_text().split()[0])
                with contextlib.suppress(OSError):  # gone already, or not our postmaster
                    if str(self.data) in Path(f"/proc/{pid}/cmdline").read_text():
                        os.kill(pid, signal.SIGKILL)
        shutil.rmtree(self.root, ignore_errors=True)


class RedisServer:
    """A redis-server of its own with no persistence: no RDB snapshots, no append-only file."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.log = root / "redis.log"
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def client(self) -> redis.Redis:
        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=2)

    def _answers(self) -> bool:
        try:
            return bool(self.client().ping())
        except redis.RedisError:
            return False

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                find_binary("redis-server") or "redis-server",
                "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", str(self.root), "--logfile", str(self.log),
            ],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            wait_until(self._answers, timeout=10, what="redis-server to answer PING")
        except ServiceError as error:
            self.stop()
            raise ServiceError(f"{error}\n{tail(self.log)}") from error

    def pause(self) -> None:
        """Freeze the server (SIGSTOP): connections open and requests hang, as on a network
        that drops packets."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        if self.process is None:
            return
        self.resume()  # a frozen server would not see SIGTERM
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None


class ProgramFile:
    """bench/generate.py's program of `slots` slots exported as schedule.json, made in the
    background in a SQLite database of its own: it goes on while PostgreSQL is down."""

    def __init__(self, root: Path, *, slots: int, seed: int) -> None:
        self.path = root / f"generated-{slots}.schedule.json"
        self.log = root / "generate.log"
        database = root / "generate.sqlite3"
        self.env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{database}",
            "CACHE_URL": "locmemcache://faults-generate",
        }
        generate = (
            f"from bench.generate import generate_program as g; g(slots={slots}, seed={seed})"
        )
        steps = [
            ["migrate", "--noinput", "--verbosity", "0"],
            ["shell", "--no-imports", "-c", generate],
            ["export_program", f"bench-{slots}-{seed}", "--format", "schedule.json",
             "-o", str(self.path)],
        ]  # fmt: skip
        self.script = " && ".join(shlex.join([sys.executable, "manage.py", *s]) for s in steps)
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                ["sh", "-c", self.script], cwd=BASE_DIR, env=self.env, stdin=subprocess.DEVNULL,
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip

    def wait(self, timeout: float) -> Path:
        """The file, once made; ServiceError when it is not made within `timeout`."""
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired as error:
            raise ServiceError(f"The program file: not made within {timeout:g} s") from error
        if self.process.returncode:
            raise ServiceError(f"The program file was not made:\n{tail(self.log)}")
        return self.path

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)  # its session: sh and manage.py
            self.process.wait(timeout=10)


def table_digest(connection: psycopg.Connection) -> dict[str, tuple[int, str]]:
    """Every table of the public schema: its row count and an MD5 of its rows, in order."""
    tables = connection.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
    ).fetchall()
    digest = {}
    for (table,) in tables:
        query = sql.SQL(
            "SELECT count(*), coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '')"
            " FROM {} AS t"
        ).format(sql.Identifier(table))
        count, md5 = connection.execute(query).fetchone()
        digest[table] = (count, md5)
    return digest
