"""The production server (gunicorn with gunicorn.conf.py) gives no version in its headers."""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import gunicorn
import pytest

from tests.conftest import require

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(port: int, proc: subprocess.Popen, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return True
        except OSError:
            time.sleep(0.2)
    return False


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    """gunicorn started the way the Dockerfile starts it, on a free loopback port."""
    port = free_port()
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "DJANGO_SETTINGS_MODULE": "ntm_portal.settings.test",
        "DJANGO_ENV_FILE": "",
        "DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('gunicorn')}/db.sqlite3",
    }
    command = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", "1", "ntm_portal.wsgi:application"]
    proc = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        started = wait_for(port, proc)
        require(started, "gunicorn on 127.0.0.1")
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def fetch(port: int, path: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


@pytest.mark.parametrize("path", ["/login/", "/static/css/portal.css", "/no-such-page/"])
def test_no_header_names_the_server_version(production_server, path):
    response = fetch(production_server, path)

    server = response.getheader("Server", "")
    assert not re.search(r"\d", server), server
    assert all(gunicorn.__version__ not in value for _name, value in response.getheaders())
    assert "python" not in server.lower()


def test_the_configuration_is_the_one_production_uses():
    dockerfile = (ROOT / "Dockerfile").read_text()
    compose = (ROOT / "docker-compose.yml").read_text()

    assert '"gunicorn", "-c", "gunicorn.conf.py"' in dockerfile
    assert "gunicorn -c gunicorn.conf.py " in compose
