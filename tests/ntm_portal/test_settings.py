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


def _cache_locations(tmp_path, **env: str) -> list[str]:
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.CACHES['default']['LOCATION'], s.CACHES['pages']['LOCATION'], "
        "s.CACHES['pages'].get('OPTIONS', {}).get('socket_timeout'))",
        DJANGO_SECRET_KEY="k" * 50,
        DJANGO_ALLOWED_HOSTS="localhost",
        DATABASE_URL=f"sqlite:///{tmp_path}/x.sqlite3",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1].split()


def test_the_page_cache_is_apart_from_the_sign_in_state_where_production_says_so(tmp_path):
    """Pages may be evicted (an LRU Redis); rate limits and used TOTP codes must not be."""
    shared = "redis://127.0.0.1:6379/1"
    assert _cache_locations(tmp_path, CACHE_URL=shared) == [shared, shared, "0.5"]
    apart = _cache_locations(tmp_path, CACHE_URL=shared, PAGE_CACHE_URL="redis://cache:6379/0")
    assert apart == [shared, "redis://cache:6379/0", "0.5"]  # a stalled Redis waits 0.5 s
    assert _cache_locations(tmp_path) == ["pages", "None"]  # development: memory ("" and "pages")
