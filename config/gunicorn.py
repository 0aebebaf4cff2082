"""gunicorn's settings for `make run` and production: gunicorn -c config/gunicorn.py config.wsgi

Each value can be overridden from the environment (GUNICORN_WORKERS=8) or the command line.
Pages are mostly served from the cache (a version query and a cache read), so a worker spends
its time in Python, not waiting: a worker per core plus one, each with a few threads to overlap
the database round trips.
"""

import errno
import multiprocessing
import os
import socket


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise SystemExit(f"{name}={value!r}: say 1 or 0.")


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = _int("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1)
threads = _int("GUNICORN_THREADS", 4)
worker_class = "gthread" if threads > 1 else "sync"
# A request that takes longer than this is stuck: its worker is replaced. The PDF booklet of a
# large program is rendered by the task worker (workshops/exchange/prepared.py), never here.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 20)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Each worker listens on a socket of its own (SO_REUSEPORT) and the kernel spreads new
# connections over them. On one shared socket, the worker that wakes first often takes most of
# a burst of keep-alive connections and serves them on one core while the others wait, for as
# long as those connections last (bench/README.md has the trials).
# The price: a stopping worker's socket resets the connections still queued on it. So workers
# are not recycled by request count (the caches are bounded; GUNICORN_MAX_REQUESTS=20000 turns
# recycling back on), and for reloads under load let Linux hand the queue over to the other
# workers: sysctl net.ipv4.tcp_migrate_req=1 (Linux 5.14+). GUNICORN_REUSE_PORT=0: one socket.
reuse_port = _bool("GUNICORN_REUSE_PORT", True)
max_requests = _int("GUNICORN_MAX_REQUESTS", 0 if reuse_port else 20000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", max_requests // 10)
preload_app = True  # load Django once, then fork: less memory, quicker start

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Client, time, request, status, bytes, referrer, agent, and the time taken in microseconds.
access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(B)s "%(f)s" "%(a)s" %(D)sus'
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# gunicorn 27's control socket sits at one path per user: two servers on one machine (as in
# the scale-out test) would fight over it. Nothing here uses it.
control_socket_disable = True


def on_starting(server) -> None:
    """With reuse_port, check the addresses before the workers bind them, or go back to one
    shared socket where per-worker sockets cannot work."""
    if not server.cfg.reuse_port:
        return
    addresses = server.cfg.address
    inherited = os.environ.get("LISTEN_FDS") or os.environ.get("GUNICORN_FD")
    if inherited or not all(isinstance(address, tuple) for address in addresses):
        # A Unix socket's file would be replaced by each worker in turn, and sockets handed
        # over by systemd or by a running master are shared by nature.
        server.cfg.set("reuse_port", False)
        server.log.info("One shared socket: SO_REUSEPORT needs TCP addresses bound here")
        return
    for host, port in addresses:
        _refuse_if_taken(host, port)
    shown = ", ".join(
        f"[{host}]:{port}" if ":" in host else f"{host}:{port}" for host, port in addresses
    )
    server.log.info("Each worker listens on %s (SO_REUSEPORT)", shown)


def _refuse_if_taken(host: str, port: int) -> None:
    """Stop when another server listens on the address: the workers' SO_REUSEPORT sockets
    would otherwise quietly share it with that server, if the same user started it."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # As gunicorn binds: connections of a stopped server, waiting out TIME_WAIT, do not
        # count; a listening socket does, SO_REUSEPORT or not.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise SystemExit(f"{host}:{port} is already in use by another server.") from None
            raise
