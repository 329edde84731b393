"""Settings come from the environment and fail loudly; checked in fresh processes for both projects."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _check(project: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("SOCIALHUB_", "DATABASE_URL", "CELERY_"))
    }
    return subprocess.run(
        [sys.executable, "-m", f"{project}.manage", "check"],
        cwd=REPO,
        env=clean | {"SOCIALHUB_DATA_DIR": str(tmp_path)} | env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("project", ["hub", "node"])
def test_production_refuses_to_start_without_a_secret_key(project: str, tmp_path: Path) -> None:
    result = _check(project, tmp_path, SOCIALHUB_ENV="production")
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


@pytest.mark.parametrize("project", ["hub", "node"])
def test_production_reads_the_secret_key_from_a_file(project: str, tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("a-long-production-secret")
    result = _check(
        project,
        tmp_path,
        SOCIALHUB_ENV="production",
        SECRET_KEY_FILE=str(secret),
        ALLOWED_HOSTS="hub.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        CELERY_BROKER_URL="amqp://guest:guest@127.0.0.1:5672//",
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("project", "env", "message"),
    [
        ("hub", {"SOCIALHUB_ENV": "prod"}, "SOCIALHUB_ENV must be demo, production or test"),
        ("hub", {"HUB_MAX_BATCH": "0"}, "HUB_MAX_BATCH must be a positive integer"),
        ("hub", {"HUB_MAX_BATCH": "many"}, "invalid literal for int()"),
        ("node", {"NODE_PULL_INTERVAL": "-1"}, "NODE_PULL_INTERVAL must be positive"),
    ],
)
def test_a_malformed_setting_stops_start_up_with_its_name(
    project: str, env: dict[str, str], message: str, tmp_path: Path
) -> None:
    result = _check(project, tmp_path, **env)
    assert result.returncode != 0
    assert message in result.stderr


@pytest.mark.parametrize("project", ["hub", "node"])
def test_the_production_profile_passes_djangos_deployment_checks(project: str, tmp_path: Path) -> None:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("SOCIALHUB_", "DATABASE_URL", "CELERY_"))
    }
    result = subprocess.run(
        [sys.executable, "-m", f"{project}.manage", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=clean
        | {
            "SOCIALHUB_ENV": "production",
            "SOCIALHUB_DATA_DIR": str(tmp_path),
            "SECRET_KEY": "x7#Qp2!vLr9@Zt4^Wn8&Kc3*Hb6(Md1)Fs5_Gy0+Jd2=Ae7?Ru4~Po9",
            "ALLOWED_HOSTS": "hub.example.org",
            "DATABASE_URL": "postgres://socialhub@127.0.0.1:5432/socialhub",
            "CELERY_BROKER_URL": "amqp://guest:guest@127.0.0.1:5672//",
            "CSRF_TRUSTED_ORIGINS": "https://hub.example.org",
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize("project", ["hub", "node"])
def test_importing_the_settings_creates_no_folder(project: str, tmp_path: Path) -> None:
    missing = tmp_path / "not-yet"
    result = subprocess.run(
        [sys.executable, "-c", f"import {project}.config.settings"],
        cwd=REPO,
        env={**os.environ, "SOCIALHUB_ENV": "demo", "SOCIALHUB_DATA_DIR": str(missing)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert not missing.exists()


@pytest.mark.parametrize(("project", "command"), [("hub", "log_audit"), ("node", "dead_letters")])
def test_an_operator_command_against_a_database_never_migrated_says_so_in_one_line(
    project: str, command: str, tmp_path: Path
) -> None:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("SOCIALHUB_", "DATABASE_URL", "CELERY_"))
    }
    result = subprocess.run(
        [sys.executable, "-m", f"{project}.manage", command],
        cwd=REPO,
        env=clean | {"SOCIALHUB_ENV": "demo", "SOCIALHUB_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"Run `python -m {project}.manage migrate`, or point SOCIALHUB_DATA_DIR" in result.stderr
