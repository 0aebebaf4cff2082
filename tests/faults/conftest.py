"""The fault tests' world: a PostgreSQL cluster and a redis-server of their own, the demo
program in that database, and the app served by gunicorn against them. All of it lives in one
temporary folder and is stopped and removed at the end of the session, failed or not."""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.faults.processes import (
    DATABASE,
    PostgresCluster,
    ProgramFile,
    RedisServer,
    collect_static,
    manage,
    missing_requirements,
)
from tests.faults.web import AppServer

# bench/generate.py's program for the killed import: ~300 kB of schedule.json whose import
# runs for ~15 s (88 workshops, 118 organizers, 154 slots, 324 agenda items).
GENERATED_SLOTS = 150
GENERATED_SEED = 7


def running(service):
    """Start a service for a fixture to yield, and stop it at the end, failed or not."""
    try:
        service.start()
        yield service
    finally:
        service.stop()


@pytest.fixture(scope="session")
def fault_root():
    missing = missing_requirements()
    if missing:
        reason = f"the fault tests need {', '.join(missing)} (Debian: postgresql, redis-server)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    root = Path(tempfile.mkdtemp(prefix="workshops-faults-"))
    root.chmod(0o711)  # the postgres user must reach its cluster's folder inside
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres(fault_root):
    (fault_root / "postgres").mkdir()
    cluster = PostgresCluster(fault_root / "postgres")
    try:
        cluster.create()
        cluster.start()
        cluster.create_database(DATABASE)
        yield cluster
    finally:
        cluster.remove()


@pytest.fixture(scope="session")
def redis_server(fault_root):
    yield from running(RedisServer(fault_root))


@pytest.fixture(scope="session")
def app_env(postgres, redis_server) -> dict[str, str]:
    """The app's environment: the throwaway services, persistent database connections (so
    that recovering from an outage rests on CONN_HEALTH_CHECKS) and the page cache on."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": postgres.url(DATABASE),
        "DATABASE_CONN_MAX_AGE": "60",
        "CACHE_URL": f"redis://127.0.0.1:{redis_server.port}/0",
        "PROGRAM_CACHE_ENABLED": "true",
        "DJANGO_DEBUG": "false",
        "PYTHONUNBUFFERED": "1",
    }


@pytest.fixture(scope="session")
def demo_database(app_env):
    manage("migrate", "--noinput", "--verbosity", "0", env=app_env, timeout=120)
    manage("load_demo", env=app_env, timeout=120)


@pytest.fixture(scope="session")
def app(fault_root, app_env, demo_database):
    collect_static(app_env)
    yield from running(AppServer(fault_root, app_env))


@pytest.fixture(scope="session")
def program_file(fault_root):
    """Started with the first test, so that it is made while the others run."""
    yield from running(ProgramFile(fault_root, slots=GENERATED_SLOTS, seed=GENERATED_SEED))


@pytest.fixture(autouse=True)
def services_up(postgres, redis_server):
    """Each test starts with both services up, even after another test failed mid-outage."""
    if not postgres.running():
        postgres.start()
    if not redis_server.running():
        redis_server.start()
