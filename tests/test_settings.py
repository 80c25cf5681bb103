"""Production settings: safe by default, and clear about what is missing."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="a-long-random-production-secret-5f7c1e9b2d4a6c8e0f1a3b5d7e9c2b4a",
        ALLOWED_HOSTS="monitor.example.gov.uk",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DEBUG="0", ALLOWED_HOSTS="monitor.example.gov.uk")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_a_mistyped_switch_is_named_in_the_error():
    result = manage("check", DEBUG="perhaps")
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


def test_a_fresh_checkout_runs_without_any_settings():
    result = manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("value", "message"),
    [("two", "TRUSTED_PROXY_COUNT must be a whole number"), ("-1", "must be 0 or more")],
)
def test_a_wrong_trusted_proxy_count_is_named_in_the_error(value, message):
    result = manage("check", TRUSTED_PROXY_COUNT=value)
    assert result.returncode != 0
    assert message in result.stderr
