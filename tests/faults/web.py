"""The app as a real gunicorn, and plain HTTP requests to it (urllib), for the fault tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.faults.processes import BASE_DIR, ServiceError, free_port, tail, wait_until


@dataclass(frozen=True)
class Reply:
    """One HTTP answer; status None when there was none (refused, reset, timed out)."""

    status: int | None
    body: str
    headers: dict[str, str] = field(default_factory=dict)
    error: str = ""


def http_get(url: str, timeout: float = 10) -> Reply:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            body = response.read().decode(errors="replace")
            return Reply(response.status, body, dict(response.headers))
    except urllib.error.HTTPError as error:
        return Reply(error.code, error.read().decode(errors="replace"), dict(error.headers))
    except (OSError, ValueError) as error:  # URLError, resets and timeouts are OSErrors
        return Reply(None, "", error=repr(error))


class AppServer:
    """The site under gunicorn, as `make run` serves it, against the given environment: two
    workers of four threads each, whatever the machine's cores."""

    WORKERS = 2

    def __init__(self, root: Path, env: dict[str, str]) -> None:
        self.env = env
        self.log = root / "gunicorn.log"
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def get(self, path: str, timeout: float = 10) -> Reply:
        return http_get(self.url(path), timeout=timeout)

    def start(self) -> None:
        command = [
            sys.executable, "-m", "gunicorn", "config.wsgi:application",
            "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.WORKERS), "--threads", "4",
            "--timeout", "30", "--graceful-timeout", "5", "--access-logfile", "-",
        ]  # fmt: skip
        # The production settings (preloading, threads...); the options above win.
        command[3:3] = ["--config", "config/gunicorn.py"]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                command,
                cwd=BASE_DIR, env=self.env, stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        try:
            wait_until(
                lambda: self.process.poll() is not None or self.get("/healthz").status == 200,
                timeout=30,
                what="gunicorn to answer /healthz",
            )
            # One worker may answer before the other has started: wait for both, so that a
            # later look at the workers compares like with like.
            wait_until(
                lambda: self.process.poll() is not None or len(self.worker_pids()) == self.WORKERS,
                timeout=30,
                what=f"gunicorn's {self.WORKERS} workers",
            )
        except ServiceError as error:
            self.stop()
            raise ServiceError(f"{error}\n{tail(self.log)}") from error
        if self.process.poll() is not None:
            raise ServiceError(f"gunicorn exited with {self.process.returncode}\n{tail(self.log)}")

    def worker_pids(self) -> set[int]:
        """The gunicorn master's children: the same set means no worker was restarted."""
        pid = self.process.pid
        return {
            int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        }

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            # gunicorn runs in a session of its own (start_new_session): end its workers too.
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self.process = None


@dataclass(frozen=True)
class Timed:
    """One reply of a RequestLoad, with when its request started and ended (monotonic)."""

    path: str
    started: float
    ended: float
    reply: Reply


class RequestLoad:
    """Threads that GET the given paths over and over until the block ends: requests are in
    flight whenever something happens to the services meanwhile."""

    def __init__(self, server: AppServer, paths: list[str], threads: int = 6) -> None:
        self.server = server
        self.paths = paths
        self.replies: list[Timed] = []
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._run, args=(n,)) for n in range(threads)]

    def _run(self, offset: int) -> None:
        turn = offset
        while not self._stop.is_set():
            path = self.paths[turn % len(self.paths)]
            turn += 1
            started = time.monotonic()
            reply = self.server.get(path)
            self.replies.append(Timed(path, started, time.monotonic(), reply))

    def wait_for(self, check: Callable[[list[Timed]], bool], *, timeout: float, what: str) -> None:
        wait_until(lambda: check(list(self.replies)), timeout=timeout, what=what)

    def __enter__(self) -> RequestLoad:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=15)  # a request's own timeout is 10 s
