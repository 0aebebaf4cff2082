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
    return os.environ.get(name, "1" if default else "0").strip().lower() in ("1", "true", "yes")


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = _int("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1)
threads = _int("GUNICORN_THREADS", 4)
worker_class = "gthread" if threads > 1 else "sync"
# A request that takes longer than this is stuck: its worker is replaced. The PDF booklet of a
# large program is rendered in the background (workshops/prepared.py), never in a request.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 20)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Each worker listens on a socket of its own (SO_REUSEPORT) and the kernel spreads new
# connections over them. On one shared socket, the worker that wakes first takes most of a
# burst of keep-alive connections (26 to 32 of 32 in a test) and serves them on one core while
# the others wait: half the throughput, or less, for as long as those connections last.
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
    """Refuse an address that another server holds. With reuse_port the workers bind each
    socket themselves, and a second server started on the same port by the same user would
    quietly share the connections with the first instead of failing."""
    if not server.cfg.reuse_port:
        return
    for address in server.cfg.address:
        if not isinstance(address, tuple):
            continue  # a Unix socket: gunicorn reports its own errors
        host, port = address
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            try:
                probe.bind((host, port))  # without SO_REUSEPORT: fails while anyone listens
            except OSError as error:
                if error.errno == errno.EADDRINUSE:
                    message = f"{host}:{port} is already in use by another server."
                    raise SystemExit(message) from None
                raise
