"""Settings for NTM Portal. Everything comes from the environment (or a .env file).

Deployments differ only by environment variables; there is no production.py.
Variables set in the process environment win over the .env file.
"""

import datetime as dt
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# overwrite=False: a variable already in the environment wins over .env.
# DJANGO_ENV_FILE names another file ("" reads none: production sets real variables).
ENV_FILE = env.str("DJANGO_ENV_FILE", default=str(BASE_DIR / ".env"))
if ENV_FILE:
    environ.Env.read_env(ENV_FILE, overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "ntm_portal.apps.PortalAdminConfig",  # django.contrib.admin, branded
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "csp",
    "dbbackup",
    "health_check",
    "ntm_portal",
    "communes",
    "criteria",
    "sponsorships",
    "campaigns",
    "accounts",
    "exports",
    "dashboards",
    # After the portal's apps, so the portal's templates (allauth/layouts/…) win.
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, so a static file (an SVG opened on its own) gets the policy too.
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ntm_portal.middleware.PortalLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After authentication and messages: logs an expired session out and says why.
    "ntm_portal.middleware.SessionTimeoutMiddleware",
    "ntm_portal.middleware.PrivateCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "accounts.middleware.RequiredStepsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ntm_portal.urls"
WSGI_APPLICATION = "ntm_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ntm_portal.context_processors.portal",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "ntm_portal.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# The client's address, one definition for the lockout, allauth's rate limits and the logs:
# the proxy's X-Forwarded-For is believed only behind the documented proxy (ntm_portal/proxy.py).
BEHIND_TLS_PROXY = env.bool("DJANGO_BEHIND_TLS_PROXY", default=False)
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=1)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Django's, with its message in Vietnamese (the catalogue lacks Django 5.2's new wording).
    {"NAME": "accounts.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"  # each role lands on its own home (dashboards.views.home)
LOGOUT_REDIRECT_URL = "account_login"

# Brute-force protection: lock a username from one address, never a whole office behind NAT,
# and never the real user because an attacker elsewhere failed (the address is the client's,
# not the proxy's: ntm_portal.proxy.client_ip).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "ntm_portal.proxy.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.views.lockout.lockout_response"

# Accounts (django-allauth): username login, no self sign-up (the office creates accounts),
# password reset by e-mail, TOTP / recovery codes / passkeys, the list of my sessions.
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
MFA_ADAPTER = "accounts.adapter.MfaAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Cổng NTM] "
ACCOUNT_PREVENT_ENUMERATION = True
# No "remember me": a session ends with the browser, the idle and the absolute timeout.
ACCOUNT_SESSION_REMEMBER = False
# allauth's own throttle counts failures per username from anywhere ("key"), which would let
# anyone lock a user out; the per-address part stays, axes locks username + address.
ACCOUNT_RATE_LIMITS = {"login_failed": "20/m/ip", "reset_password": "20/m/ip,5/m/key"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
# allauth refuses a second factor until the e-mail is verified, against strangers signing up
# with someone else's address; here only the office creates accounts and sets their addresses.
MFA_ALLOW_UNVERIFIED_EMAIL = True
# TOTP secrets are encrypted with this key (accounts.adapter); keep it when rotating SECRET_KEY.
MFA_SECRET_KEY = env("MFA_SECRET_KEY", default="")
MFA_TOTP_ISSUER = env("MFA_TOTP_ISSUER", default="Cổng NTM")
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
# Tracking would cost a write per request; the list shows sign-in time and address.
USERSESSIONS_TRACK_ACTIVITY = False
# Roles that must enrol a second factor before reaching any page (superusers always do).
# The development .env switches this off so the demo logins stay one step.
PORTAL_MFA_REQUIRED = env.bool("PORTAL_MFA_REQUIRED", default=True)
PORTAL_MFA_REQUIRED_ROLES = ["coordination_office"]
# Invitation links (one use) and password-reset links expire.
ACCOUNT_INVITATION_DAYS = env.int("ACCOUNT_INVITATION_DAYS", default=7)
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=3 * 3600)

# API tokens (django-rest-knox): stored as a hash, named, with an expiry.
KNOX_TOKEN_MODEL = "accounts.ApiToken"
# knox's own migrations create its default token table even when the model is swapped; that
# orphan table's key to the users then breaks TRUNCATE (test flushes) on PostgreSQL.
MIGRATION_MODULES = {"knox": None}
REST_KNOX = {
    "TOKEN_TTL": dt.timedelta(days=env.int("API_TOKEN_DEFAULT_DAYS", default=90)),
    "AUTH_HEADER_PREFIX": "Token",
}
# A token's expiry is required and at most this far away; a user has at most this many live.
API_TOKEN_MAX_DAYS = env.int("API_TOKEN_MAX_DAYS", default=365)
API_TOKEN_LIMIT_PER_USER = env.int("API_TOKEN_LIMIT_PER_USER", default=50)

# Vietnamese first, English complete.
LANGUAGE_CODE = "vi"
# Each language named in itself (the menu shows these names untranslated).
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["ntm_portal.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Development serves static files from the app folders, without collectstatic.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Backups (`make backup`, ntm_portal/backups.py): the database dump and the archive of MEDIA_ROOT,
# one pair per run, in this folder; the newest DBBACKUP_KEEP pairs are kept. Copy it off the host.
DBBACKUP_DIR = env.path("DBBACKUP_DIR", default=BASE_DIR / "backups")
STORAGES["dbbackup"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(DBBACKUP_DIR)},
}
DBBACKUP_CLEANUP_KEEP = env.int("DBBACKUP_KEEP", default=14)
DBBACKUP_FILENAME_TEMPLATE = "ntm-{datetime}.db.{extension}"
DBBACKUP_MEDIA_FILENAME_TEMPLATE = "ntm-{datetime}.media.{extension}"
# pg_restore: objects belong to whoever restores (the app's role), whatever role dumped them.
DBBACKUP_CONNECTORS = {"default": {"PG_OPTIONS": "--no-owner"}}
# Failures are reported by the command's exit status (cron mails it), not by e-mail to ADMINS.
DBBACKUP_SEND_EMAIL = False
# Evidence uploads: size cap enforced by the form/serializer and by the request limit.
EVIDENCE_MAX_BYTES = env.int("EVIDENCE_MAX_BYTES", default=10 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Security: on by default, relaxed by the development .env only.
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy: script and stylesheets from this origin only; no inline script, no
# eval, no <style> elements. Style *attributes* stay allowed (style-src-attr) for the bars'
# computed width="…%": an attribute cannot run script or load anything img-src refuses.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-elem": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# A session ends 8 h after login however active (absolute), or after 30 min without a request
# (idle); both in seconds, enforced by ntm_portal.middleware.SessionTimeoutMiddleware.
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_COOKIE_AGE", default=8 * 3600)
SESSION_IDLE_TIMEOUT = env.int("DJANGO_SESSION_IDLE_TIMEOUT", default=30 * 60)

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="NTM Portal <no-reply@ntm.localhost>")
EMAIL_TIMEOUT = 20

# "default": sign-in rate limits and used TOTP codes, which must not be evicted; "pages": the
# overviews' content (ntm_portal/versions.py), which may be: production gives it a Redis of its
# own with LRU eviction (docker-compose's cache service). Unset, it shares CACHE_URL's server.
CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://"),
    "pages": env.cache(
        "PAGE_CACHE_URL", default=env.str("CACHE_URL", default="locmemcache://pages")
    ),
}
# A page cache that stalls costs a page its speed, not a gunicorn worker: redis-py waits forever.
PAGE_CACHE_REDIS_TIMEOUTS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
if CACHES["pages"]["BACKEND"].endswith("RedisCache"):
    CACHES["pages"]["OPTIONS"] = {**CACHES["pages"].get("OPTIONS", {}), **PAGE_CACHE_REDIS_TIMEOUTS}
# The apps whose every write changes the data version (ntm_portal/versions.py) that the keys of
# cached pages hold: every table the province overview reads.
PORTAL_DATA_VERSION_APPS = ["communes", "criteria", "sponsorships"]

# REST API: same scoping and validation as the pages (see ntm_portal/api.py).
REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate header makes a missing or bad credential a 401.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
        "ntm_portal.api.SearchFilter",
    ],
    # POST /api/v1/auth/token/ per client address (the lockout counts per username + address).
    "DEFAULT_THROTTLE_RATES": {
        "api_token_obtain": env("API_TOKEN_OBTAIN_RATE", default="10/minute"),
    },
    "DEFAULT_PAGINATION_CLASS": "ntm_portal.api.StandardPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "ntm_portal.api.exception_handler",
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "NTM Portal API",
    "DESCRIPTION": "API của Cổng thông tin Nông thôn mới (New Rural Development portal).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Enum components (the default hook), then the 400/401/403/404 (412/428) error responses.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "ntm_portal.api_schema.document_error_responses",
    ],
    # Two "kind" choice sets (agency, activity) appear in several components each.
    "ENUM_NAME_OVERRIDES": {
        "AgencyKindEnum": "sponsorships.models.Agency.Kind",
        "ActivityKindEnum": "sponsorships.models.SupportActivity.Kind",
        "CampaignKindEnum": "campaigns.models.Campaign.Kind",
        "AwardStatusEnum": "campaigns.models.Award.Status",
        "StatusEnum": "sponsorships.models.MonthlyReport.Status",
    },
}

# Celery: eager when no broker is configured (development), real broker otherwise.
REDIS_URL = env("REDIS_URL", default="")
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not (REDIS_URL or env("CELERY_BROKER_URL", default=""))
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True  # every task is idempotent
# A task whose worker process dies (SIGKILL, OOM) goes back to the queue instead of being acked.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_SOFT_TIME_LIMIT = 120
CELERY_TASK_TIME_LIMIT = 180
# One message at a time per worker process: a slow send never holds others back (the "reminders"
# queue's worker runs with this; the default queue's as well).
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Redis hands an unacknowledged message (its worker died) to another worker after this long:
# longer than the longest task (an export: 16 min hard limit) and the longest retry countdown
# (15 min), far shorter than kombu's one-hour default. The outbox re-drive covers reminders
# sooner still.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 30 * 60}
# Publishing to a broker that is down fails within seconds (the web answers at once and the
# request waits in the outbox) instead of retrying for a minute.
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}
# Reminder sends have their own queue and workers (docker-compose.yml: worker-reminders), so a
# sweep of ten thousand sends never delays an export, nor an export a reminder.
CELERY_TASK_DEFAULT_QUEUE = "celery"
CELERY_TASK_ROUTES = {
    "sponsorships.tasks.monthly_report_reminder_deliver_task": {"queue": "reminders"},
    "sponsorships.tasks.monthly_report_reminders_deliver_task": {"queue": "reminders"},
    "sponsorships.tasks.monthly_report_reminder_send_task": {"queue": "reminders"},
    "sponsorships.tasks.monthly_report_escalation_digest_task": {"queue": "reminders"},
}
CELERY_BEAT_SCHEDULE: dict = {
    # Open this month's monthly reports for every active assignment; daily at 00:30.
    # https://crontab.guru/#30_0_*_*_*
    "monthly-reports-open": {
        "task": "sponsorships.tasks.monthly_reports_open_task",
        "schedule": crontab(minute=30, hour=0),
    },
    # Send the reminders that are due; hourly so a missed run catches up.
    # https://crontab.guru/#5_*_*_*_*
    "monthly-report-reminders": {
        "task": "sponsorships.tasks.monthly_report_reminders_send_due_task",
        "schedule": crontab(minute=5),
    },
    # Publish again the reminders and export jobs a crash or a broker outage left waiting;
    # every 2 minutes (the rows are re-published once they are 5 minutes old).
    "reminders-redrive": {
        "task": "sponsorships.tasks.monthly_report_reminders_redrive_task",
        "schedule": 120.0,
    },
    "export-jobs-redrive": {
        "task": "exports.tasks.export_jobs_redrive_task",
        "schedule": 120.0,
    },
    # Delete expired export files and their rows; daily at 02:15.
    # https://crontab.guru/#15_2_*_*_*
    "export-jobs-delete-expired": {
        "task": "exports.tasks.export_jobs_delete_expired_task",
        "schedule": crontab(minute=15, hour=2),
    },
    # Forget API tokens expired more than 30 days ago; daily at 02:45.
    # https://crontab.guru/#45_2_*_*_*
    "api-tokens-delete-expired": {
        "task": "accounts.tasks.api_tokens_delete_expired_task",
        "schedule": crontab(minute=45, hour=2),
    },
}
# Background exports: a finished file stays downloadable this many days; a list export above
# this many rows runs as a background job instead of in the request.
EXPORT_JOB_TTL_DAYS = env.int("EXPORT_JOB_TTL_DAYS", default=7)
EXPORT_SYNC_MAX_ROWS = env.int("EXPORT_SYNC_MAX_ROWS", default=5_000)

# The province this deployment serves and its reporting rules.
PORTAL_PROVINCE_CODE = env("PORTAL_PROVINCE_CODE", default="06")
MONTHLY_REPORT_DUE_DAY = env.int("MONTHLY_REPORT_DUE_DAY", default=20)
MONTHLY_REPORT_REMIND_DAYS_BEFORE = env.int("MONTHLY_REPORT_REMIND_DAYS_BEFORE", default=3)
MONTHLY_REPORT_ESCALATE_DAYS_AFTER = env.int("MONTHLY_REPORT_ESCALATE_DAYS_AFTER", default=5)
# A returned report is reminded again on a fresh schedule, due this many days after the return.
MONTHLY_REPORT_RETURN_DAYS = env.int("MONTHLY_REPORT_RETURN_DAYS", default=5)
# A reminder whose e-mail fails is tried this many times in all (backoff 60 s, doubling, at most
# 15 min), then marked failed for the office to see.
REMINDER_SEND_MAX_ATTEMPTS = env.int("REMINDER_SEND_MAX_ATTEMPTS", default=5)
REMINDER_RETRY_BACKOFF_SECONDS = env.int("REMINDER_RETRY_BACKOFF_SECONDS", default=60)
# Reminders are sent this many outbox rows to a task, over one relay connection; a batch records
# its outcomes every REMINDER_SEND_CHECKPOINT_SECONDS (a worker killed mid-batch re-sends at
# most what the relay accepted since the last checkpoint).
REMINDER_SEND_BATCH_SIZE = env.int("REMINDER_SEND_BATCH_SIZE", default=200)
REMINDER_SEND_CHECKPOINT_SECONDS = env.float("REMINDER_SEND_CHECKPOINT_SECONDS", default=2.0)
# /health/: the oldest pending reminder may wait this long before the page says unhealthy.
HEALTH_OUTBOX_MAX_AGE_MINUTES = env.int("HEALTH_OUTBOX_MAX_AGE_MINUTES", default=15)
HEALTH_BEAT_MAX_AGE_MINUTES = env.int("HEALTH_BEAT_MAX_AGE_MINUTES", default=10)
# When the due day falls on a weekend: "keep" it, or move it to the "next_monday".
MONTHLY_REPORT_WEEKEND_RULE = env("MONTHLY_REPORT_WEEKEND_RULE", default="keep")
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://127.0.0.1:8000")
# "What needs action" (/dashboards/actions/): a commune missing at most this many criteria is
# close to the standard; one planned to reach it this year is off track while it still misses
# more than PORTAL_OFF_TRACK_MISSING_CRITERIA or has no assessment this year; one not assessed
# for more than PORTAL_ASSESSMENT_STALE_MONTHS months is listed (?months= overrides it).
PORTAL_CLOSE_TO_STANDARD_MISSING = env.int("PORTAL_CLOSE_TO_STANDARD_MISSING", default=2)
PORTAL_OFF_TRACK_MISSING_CRITERIA = env.int("PORTAL_OFF_TRACK_MISSING_CRITERIA", default=3)
PORTAL_ASSESSMENT_STALE_MONTHS = env.int("PORTAL_ASSESSMENT_STALE_MONTHS", default=12)
# Optional PAdES signature of PDF documents: a PKCS#12 file (certificate and key) and its
# password. Unset: documents carry the verification code and QR only.
DOCUMENT_SIGNING_P12 = env("DOCUMENT_SIGNING_P12", default="")
DOCUMENT_SIGNING_P12_PASSWORD = env("DOCUMENT_SIGNING_P12_PASSWORD", default="")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # The PDF engine logs every layout step at INFO: only its warnings (missing glyphs) matter.
    "loggers": {name: {"level": "WARNING"} for name in ("weasyprint", "fontTools")},
}
