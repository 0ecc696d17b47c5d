"""Browser tests in headless Debian Chromium via Playwright (never `playwright install`).

Playwright's sync API runs an event loop, and Django refuses ORM calls while one runs in the
thread; this flag is confined to the e2e tests.
"""

import os

import pytest

from tests.conftest import browser_available, require

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(autouse=True)
def _needs_browser():
    require(browser_available(), "Chromium (/usr/bin/chromium)")


@pytest.fixture
def log_in(live_server, page):
    """Log in through the real login form; returns the page."""

    def login(username: str, password: str = "mat-khau-thu-nghiem"):
        page.goto(f"{live_server.url}/login/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(password)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_load_state("networkidle")
        return page

    return login


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A Vietnamese browser, as the province's users have (Django follows Accept-Language)."""
    return {**browser_context_args, "locale": "vi-VN"}
