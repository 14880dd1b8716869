"""Test settings: the production settings with what a test run needs changed."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")

from union_reports.settings import *  # noqa: E402,F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "test-artifacts" / "media"  # noqa: F405
AXES_ENABLED = True
STATIC_ROOT = BASE_DIR / "test-artifacts" / "static"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
# Fragments are rendered every time in tests, so that query counts do not depend on order.
CACHES = {**CACHES, "fragments": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}  # noqa: F405
# One signing key for the test run's "installation"; tests of other installations override it.
WORKBOOK_SIGNING_KEY_FILE = BASE_DIR / "test-artifacts" / "keys" / "workbook-signing-key.pem"  # noqa: F405
PRIVATE_TMP_DIR = BASE_DIR / "test-artifacts" / "tmp"  # noqa: F405
FILE_UPLOAD_TEMP_DIR = str(PRIVATE_TMP_DIR / "uploads")
# Tasks run in the caller unless a test's subprocess (or the environment) asks for a backend;
# tests/background/ runs the database and Redis backends with real workers.
if not os.environ.get("TASK_BACKEND"):
    TASK_BACKEND = "immediate"
    TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}
    }
