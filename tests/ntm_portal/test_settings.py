import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean_env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_ENV_FILE": "",
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_is_clean_with_production_like_variables(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="x7Gq2-production-like-secret-key-of-sufficient-length-and-entropy-81",
        DJANGO_ALLOWED_HOSTS="ntm.example.gov.vn",
        DATABASE_URL=f"sqlite:///{tmp_path}/deploy.sqlite3",
        DJANGO_SECURE_HSTS_PRELOAD="True",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_missing_secret_key_fails_at_startup(tmp_path):
    result = run_manage(
        "check", DJANGO_ALLOWED_HOSTS="localhost", DATABASE_URL=f"sqlite:///{tmp_path}/x.sqlite3"
    )

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_environment_wins_over_env_file(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text(
        "DJANGO_SECRET_KEY=from-file\nDJANGO_ALLOWED_HOSTS=file.example\n"
        f"DATABASE_URL=sqlite:///{tmp_path}/x.sqlite3\n"
    )
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.ALLOWED_HOSTS, settings.SECRET_KEY)",
        DJANGO_ENV_FILE=str(env_file),
        DJANGO_ALLOWED_HOSTS="env.example",
    )

    assert result.returncode == 0, result.stderr
    assert "['env.example'] from-file" in result.stdout
