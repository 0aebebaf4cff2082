"""`manage.py check --deploy` is silent with the production environment of the README."""

import os
import re
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]


def readme_production_environment() -> dict[str, str]:
    """The variables the README's production section exports, read from the README itself."""
    text = (BASE_DIR / "README.md").read_text()
    block = text.split("## Production", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    exports = block.split("make install", 1)[0].replace("\\\n", " ")
    values = dict(re.findall(r'([A-Z_]+)=("[^"]*"|\S+)', exports))
    values["DJANGO_SECRET_KEY"] = "x" * 10 + "a-long-random-production-key-0123456789-abcdefghij"
    return {name: value.strip('"') for name, value in values.items()}


def test_the_readme_environment_is_read():
    environment = readme_production_environment()
    assert environment["DJANGO_DEBUG"] == "0"
    assert environment["DJANGO_SECURE_HSTS_SECONDS"] == "31536000"
    assert environment["EMAIL_URL"].startswith("smtp")


def test_check_deploy_is_silent_in_production(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "EMAIL_URL", "CACHE_URL"))
    }
    env.update(readme_production_environment())
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"  # no server needed to check
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout
