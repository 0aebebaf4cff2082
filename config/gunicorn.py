"""gunicorn's settings for `make run` and production: gunicorn -c config/gunicorn.py config.wsgi

Each value can be overridden from the environment (GUNICORN_WORKERS=8) or the command line.
Pages are mostly served from the cache (a version query and a cache read), so a worker spends
its time in Python, not waiting: a worker per core plus one, each with a few threads to overlap
the database round trips.
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = _int("GUNICORN_WORKERS", multiprocessing.cpu_count() + 1)
threads = _int("GUNICORN_THREADS", 4)
worker_class = "gthread" if threads > 1 else "sync"
# A request that takes longer than this is stuck: its worker is replaced. The PDF booklet of a
# large program is rendered in the background (workshops/prepared.py), never in a request.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 20)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Replace workers now and then, so no slow leak can build up; the jitter keeps them apart.
max_requests = _int("GUNICORN_MAX_REQUESTS", 20000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 2000)
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
