"""Production settings for the bench, with static files served unhashed: a manifest would
need collectstatic before every run, and no measured page serves a static file."""

from ntm_portal.settings.base import *  # noqa: F403
from ntm_portal.settings.base import BASE_DIR, CACHES, DATABASES, STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = BASE_DIR / "bench" / "out" / "static"  # empty: whitenoise only wants it to exist
# Bench databases copied from one template share their data versions: never their cache.
CACHES = {
    alias: {**config, "KEY_PREFIX": DATABASES["default"]["NAME"]}
    for alias, config in CACHES.items()
}
