"""config/gunicorn.py as `make run` uses it: each worker listens on a socket of its own, so the
kernel spreads connections over the workers, and a second server on a port in use is refused
instead of quietly sharing the port."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.faults.processes import BASE_DIR
from tests.faults.web import AppServer

LISTEN = "0A"  # the state of a listening socket in /proc/net/tcp


@pytest.fixture
def server(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    env.pop("GUNICORN_REUSE_PORT", None)
    env.pop("GUNICORN_CMD_ARGS", None)
    app = AppServer(tmp_path, env)
    app.start()
    yield app
    app.stop()


def listening_sockets(pid: int, port: int) -> set[str]:
    """The inodes of the sockets process `pid` listens on at `port` (from /proc)."""
    held = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue  # closed meanwhile
        if target.startswith("socket:["):
            held.add(target[len("socket:[") : -1])
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
