"""config/gunicorn.py as `make run` uses it: each worker listens on a socket of its own, so the
kernel spreads connections over the workers, and a second server on a port in use is refused
instead of quietly sharing the port."""

import http.client
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.faults.processes import BASE_DIR, wait_until
from tests.faults.web import AppServer

LISTEN = "0A"  # the state of a listening socket in /proc/net/tcp
ACCEPTING = 0x10000  # __SO_ACCEPTCON: the flag of a listening socket in /proc/net/unix


@pytest.fixture
def server(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    env.pop("GUNICORN_REUSE_PORT", None)
    env.pop("GUNICORN_CMD_ARGS", None)
    app = AppServer(tmp_path, env)
    app.start()
    yield app
    app.stop()


def sockets_of(pid: int) -> set[str]:
    """The inodes of the sockets process `pid` holds (from /proc)."""
    held = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue  # closed meanwhile
        if target.startswith("socket:["):
            held.add(target[len("socket:[") : -1])
    return held


def listening_sockets(pid: int, port: int) -> set[str]:
    """The inodes of the sockets process `pid` listens on at `port` (from /proc)."""
    held = sockets_of(pid)
    listening = set()
    for line in Path(f"/proc/{pid}/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, state, inode = fields[1], fields[3], fields[9]
        if state == LISTEN and int(local.split(":")[1], 16) == port and inode in held:
            listening.add(inode)
    return listening


def test_each_worker_listens_on_a_socket_of_its_own(server):
    workers = server.worker_pids()
    assert len(workers) == AppServer.WORKERS
    sockets = {pid: listening_sockets(pid, server.port) for pid in workers}
    assert all(len(inodes) == 1 for inodes in sockets.values()), sockets
    assert len(set().union(*sockets.values())) == len(workers), sockets  # not one shared
    assert listening_sockets(server.process.pid, server.port) == set()  # the master: none
    assert server.get("/healthz").status == 200


def test_a_second_server_on_a_port_in_use_is_refused(server, tmp_path):
    env = {
        **server.env,
        "GUNICORN_BIND": f"127.0.0.1:{server.port}",
        "GUNICORN_ACCESS_LOG": os.devnull,
    }
    second = subprocess.run(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi:application"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert second.returncode != 0
    assert f"127.0.0.1:{server.port} is already in use by another server." in second.stderr
    assert server.get("/healthz").status == 200  # the first one still serves


def test_a_server_starts_again_on_its_port_at_once(server):
    """The connections the stopped server closed wait out TIME_WAIT on the port; gunicorn
    binds through them, and so does the check for a server still listening."""
    kept = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    kept.request("GET", "/healthz")  # HTTP/1.1: kept alive until the server stops
    assert kept.getresponse().read()
    server.stop()  # the server closes the connection first: TIME_WAIT is on its side
    assert kept.sock.recv(1) == b""  # closed by the server
    kept.close()
    server.start()
    assert server.get("/healthz").status == 200


def test_a_unix_socket_is_one_socket_shared_by_the_workers(tmp_path):
    """Per-worker sockets cannot share a Unix socket's file (each would replace the last)."""
    path = tmp_path / "gunicorn.sock"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "GUNICORN_BIND": f"unix:{path}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_ACCESS_LOG": os.devnull,
    }
    env.pop("GUNICORN_CMD_ARGS", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi:application"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        wait_until(
            lambda: len(children(process.pid)) == 2 and unix_listeners(path),
            timeout=30,
            what="gunicorn's 2 workers on a Unix socket",
        )
        listeners = unix_listeners(path)
        assert len(listeners) == 1, listeners
        for pid in [process.pid, *children(process.pid)]:
            assert listeners <= sockets_of(pid), pid
    finally:
        process.terminate()
        process.wait(timeout=30)


def children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def unix_listeners(path: Path) -> set[str]:
    """The inodes of the listening Unix sockets bound to `path` (from /proc/net/unix)."""
    found = set()
    for line in Path("/proc/net/unix").read_text().splitlines()[1:]:
        fields = line.split()
        flags, inode = int(fields[3], 16), fields[6]
        if len(fields) > 7 and fields[7] == str(path) and flags & ACCEPTING:
            found.add(inode)
    return found
