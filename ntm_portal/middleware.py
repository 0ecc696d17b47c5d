"""Kernel middleware: the interface language, private caching, session timeouts."""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, HttpResponseBase
from django.middleware.locale import LocaleMiddleware
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

# Session keys (seconds since the epoch) and how often the activity stamp may be rewritten.
LOGIN_AT = "ntm_login_at"
SEEN_AT = "ntm_seen_at"
TOUCH_EVERY = 60


class PortalLocaleMiddleware(LocaleMiddleware):
    """Vietnamese first: the interface is Vietnamese unless the user picked English in the menu.

    Like Django's LocaleMiddleware, but ignores the browser's Accept-Language.

    Many officials use browsers set to English; the province's working language is
    Vietnamese, so only an explicit choice (the language cookie set by the menu) switches.
    """

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class PrivateCacheMiddleware:
    """Nothing shown to a signed-in user is stored by a browser or proxy cache.

    A shared office computer's back button or disk cache must not replay another person's
    pages after they log out. The check runs on the way out because DRF's token
    authentication sets ``request.user`` only inside the view. Anonymous responses (the login
    page, the API docs) and static files (served before this middleware) keep their caching.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


class SessionTimeoutMiddleware:
    """Ends a signed-in session after ``SESSION_IDLE_TIMEOUT`` seconds without a request, and
    ``SESSION_COOKIE_AGE`` seconds after login however active (ASVS 7.3.1, 7.3.2).

    Django alone gives neither: saving the session renews its expiry, so the "absolute" age
    slid with every save. The expired user is logged out and the request goes on as
    anonymous: a page then redirects to the login (with the message), the API answers 401/403.
    Must come after AuthenticationMiddleware and MessageMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        now = _now()
        if _signed_in_by_session(request) and session_expired(request.session, now):
            logout(request)
            messages.warning(request, _("Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại."))
        response = self.get_response(request)
        if _signed_in_by_session(request):
            session_touch(request.session, now)
        return response


def _signed_in_by_session(request: HttpRequest) -> bool:
    # Token-authenticated API calls have no session: stamping one would create it.
    return SESSION_KEY in request.session and request.user.is_authenticated


def session_expired(session: SessionBase, now: int) -> bool:
    login_at, seen_at = session.get(LOGIN_AT), session.get(SEEN_AT)
    if login_at is None or seen_at is None:
        return False  # not stamped yet: stamped on the way out of this request
    too_old = now - login_at >= settings.SESSION_COOKIE_AGE
    # The stamp lags real activity by under TOUCH_EVERY: a session may end that much early,
    # never late.
    return too_old or now - seen_at > settings.SESSION_IDLE_TIMEOUT


def session_touch(session: SessionBase, now: int) -> None:
    """Stamp the login and the last activity; write the session at most once a minute."""
    session.setdefault(LOGIN_AT, now)
    if now - session.get(SEEN_AT, 0) >= TOUCH_EVERY:
        session[SEEN_AT] = now


def session_started(sender: type, request: HttpRequest, **kwargs: object) -> None:
    """``user_logged_in`` receiver: a login starts both clocks afresh.

    Stamping at login rather than on the next request starts the clock at the login itself,
    whichever view or helper made it (allauth, the admin, the test client's force_login), and
    spares the next page a session write.
    """
    for key in (LOGIN_AT, SEEN_AT):
        request.session.pop(key, None)
    session_touch(request.session, _now())


def _now() -> int:
    return int(timezone.now().timestamp())
