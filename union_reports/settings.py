"""Settings for 工会年报, driven by environment variables.

SQLite is the embedded default; set DATABASE_URL for PostgreSQL. With DEBUG off the
security settings are production-grade and `manage.py check --deploy` is clean.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = envbool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-dev-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "audit",
    "records",
    "unions",
    "members",
    "activities",
    "welfare",
    "democracy",
    "rights",
    "works",
    "funds",
    "reports",
    "workbook",
    "demo",
    "imports",
    "profiles",
    "aid",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "audit.middleware.AuditActorMiddleware",
    # Last, as django-axes asks, so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "union_reports.urls"
# Widgets render from templates/ too (the member picker lives there).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "union_reports.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "unions.context_processors.navigation",
            ],
            # One way to show a moment and a person on every page (|moment, |person).
            "builtins": ["records.templatetags.display"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL and a busy timeout let the dev server and a command write at the same time.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
    # Connections persist (CONN_MAX_AGE above) on SQLite too: opening one and running its
    # PRAGMAs on every request cost about 3 ms of a 16 ms page.

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Per-process memory caches: computed figures ("default", keyed by data version) and page
# fragments such as the navigation ("fragments").
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "figures"},
    "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "fragments"},
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend, reading a session's user with one plain statement (union_reports.auth).
    "union_reports.auth.UserBackend",
]
SESSION_ENGINE = "union_reports.auth"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# Uploaded files hold personal data: they live outside STATIC_ROOT and are never served
# directly, only through views that check permissions.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "union_reports.staticfiles.StaticStorage"  # WhiteNoise's, URLs worked out once
    },
}

# Roster files of 50,000 rows are about 5 MB; anything much bigger is refused with a message.
MAX_UPLOAD_BYTES = envint("MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Login throttling: five failures for one username from one address lock it for 30 minutes
# (and many from one address over any usernames lock the address: see the block at the end).
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", 30) / 60
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "audit.client_ip.client_ip"
AXES_VERBOSE = False

SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Production hardening; each can be switched off for an HTTP-only intranet (README).
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", not DEBUG)
if envbool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many reverse proxies append to X-Forwarded-For in front of the app (nginx: 1).
# The audit log and login throttling then see the client's address, not the proxy's.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", 1 if envbool("BEHIND_TLS_PROXY", False) else 0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # WeasyPrint reports every rendering step at INFO.
        "weasyprint": {"level": "ERROR"},
        "weasyprint.progress": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- Workbook signatures and response hardening (issue #9: item 13 and hardening) -----------
# Ed25519 key that signs exported workbooks (workbook/signing.py). A file, not the database,
# so database dumps never carry it; mode 0600, outside MEDIA_ROOT and STATIC_ROOT (checked).
WORKBOOK_SIGNING_KEY_FILE = Path(
    os.environ.get("WORKBOOK_SIGNING_KEY_FILE", BASE_DIR / "keys" / "workbook-signing-key.pem")
)

# No response to a signed-in user is kept by a browser or proxy (union_reports/caching.py);
# placed inside AuthenticationMiddleware so it sees the user, outside WhiteNoise's static files.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "union_reports.caching.NoStoreMiddleware",
)

# Content-Security-Policy by django-csp: our own scripts, styles and fonts only, no inline
# script or style attribute, images also as data: URIs (Bootstrap's icons), no framing.
from csp.constants import NONE, SELF  # noqa: E402

MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "csp.middleware.CSPMiddleware"
)
INSTALLED_APPS.append("csp")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Password spraying: besides five failures per username and address, an address alone is
# locked after AXES_IP_FAILURE_LIMIT failures over any usernames (audit/login_throttle.py).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_IP_FAILURE_LIMIT = envint("AXES_IP_FAILURE_LIMIT", 20)
AXES_HANDLER = "audit.login_throttle.LoginThrottleHandler"

# Temporary files with personal data (export spools, PDFs before publishing, big uploads):
# a private directory the product cleans (records.scratch), never the system /tmp.
PRIVATE_TMP_DIR = Path(os.environ.get("PRIVATE_TMP_DIR", BASE_DIR / "var" / "tmp"))
FILE_UPLOAD_TEMP_DIR = str(PRIVATE_TMP_DIR / "uploads")
# Files under media/ that no row names are deleted once this old (a killed publish).
ORPHAN_FILE_MINUTES = envint("ORPHAN_FILE_MINUTES", 60)

# Staff text of a report: real annual summaries are 1,500-8,000 characters in all.
REPORT_SECTION_MAX_CHARS = envint("REPORT_SECTION_MAX_CHARS", 20_000)
REPORT_MAX_CHARS = envint("REPORT_MAX_CHARS", 100_000)
# Every PDF is printed in a child process with these bounds; keep the timeout below
# gunicorn's --timeout so the user gets a message rather than a killed worker.
PDF_RENDER_TIMEOUT_SECONDS = envint("PDF_RENDER_TIMEOUT_SECONDS", 90)
PDF_RENDER_MAX_MEMORY_MB = envint("PDF_RENDER_MAX_MEMORY_MB", 1536)

# What reading one uploaded .xlsx may cost (records.xlsx_upload; issue #9 item 8). A 50,000-row
# roster inflates to 30-50 MB, ~1M cells, ~200,000 shared strings and reads in a few seconds;
# the defaults leave room for the 100,000-row import limit and refuse anything far beyond.
XLSX_MAX_PARTS = envint("XLSX_MAX_PARTS", 1_000)
XLSX_MAX_UNCOMPRESSED_BYTES = envint("XLSX_MAX_UNCOMPRESSED_BYTES", 150 * 1024 * 1024)
XLSX_MAX_PART_BYTES = envint("XLSX_MAX_PART_BYTES", 120 * 1024 * 1024)  # one sheet, or the string table
XLSX_MAX_OTHER_PART_BYTES = envint("XLSX_MAX_OTHER_PART_BYTES", 20 * 1024 * 1024)  # styles etc.
XLSX_MAX_COMPRESSION_RATIO = envint("XLSX_MAX_COMPRESSION_RATIO", 100)
XLSX_MAX_SHARED_STRINGS = envint("XLSX_MAX_SHARED_STRINGS", 1_000_000)
XLSX_MAX_ROWS = envint("XLSX_MAX_ROWS", 120_000)  # blank and skipped rows included
XLSX_MAX_COLUMNS = envint("XLSX_MAX_COLUMNS", 1_000)
XLSX_MAX_CELLS = envint("XLSX_MAX_CELLS", 2_500_000)  # 100,000 rows of 25 columns
XLSX_MAX_SECONDS = envint("XLSX_MAX_SECONDS", 60)  # a backstop, under gunicorn --timeout 120

# Requests holding NUL or other control characters are refused (400) before sessions, auth or
# any view sees them (issue #9; records/params.py).
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
    "records.params.ControlCharacterMiddleware",
)

# --- Background work and shared state (issue #16) -----------------------------------------
# Long work (workbook exports, ...) runs as tasks of Django's Tasks API (the django-tasks
# backport): in the database by default (`manage.py run_worker`, started by `make run`), in
# Redis through RQ when REDIS_URL is set. TASK_BACKEND=database|rq|immediate overrides.
REDIS_URL = os.environ.get("REDIS_URL", "")
TASK_BACKEND = os.environ.get("TASK_BACKEND") or ("rq" if REDIS_URL else "database")
INSTALLED_APPS += ["django_tasks", "django_tasks_db", "django_rq", "background"]
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "rq": "django_tasks_rq.RQBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }[TASK_BACKEND],
        "QUEUES": ["default"],
    }
}
# RQ's own limit on one task; our exports and PDFs stop themselves well before.
RQ_QUEUES = {"default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": 3600}}
# A task whose worker was killed is run again this many times in all, then marked failed.
TASK_MAX_ATTEMPTS = envint("TASK_MAX_ATTEMPTS", 2)
# A workbook of a union with more members than this is exported as a task, not in the request.
WORKBOOK_SYNC_MAX_MEMBERS = envint("WORKBOOK_SYNC_MAX_MEMBERS", 5_000)
# A roll-up with more units than this lacking stored figures is computed by the task worker
# (workbook.rollup_filling); a county's twenty compute in the request.
ROLLUP_SYNC_MAX_UNITS = envint("ROLLUP_SYNC_MAX_UNITS", 200)
# An import of more data rows than this is read and checked, and later written, by the task
# worker while its page follows the job (imports/jobs.py); at upload the rows are estimated
# from the file's recorded dimension and size, at confirmation they are the counted rows.
IMPORT_SYNC_MAX_ROWS = envint("IMPORT_SYNC_MAX_ROWS", 2_000)
# The most data rows one file may hold (the roster has its own bound).
RECORD_IMPORT_MAX_ROWS = envint("RECORD_IMPORT_MAX_ROWS", 100_000)
ROSTER_IMPORT_MAX_ROWS = envint("ROSTER_IMPORT_MAX_ROWS", 100_000)
if REDIS_URL:
    # Caches shared by every web process and machine; keys carry the data version.
    # CACHE_KEY_PREFIX keeps two installations sharing one Redis apart.
    CACHES = {
        name: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"{os.environ.get('CACHE_KEY_PREFIX', 'ur')}-{name}",
        }
        for name in ("default", "fragments")
    }
# Media in S3-compatible object storage when a bucket is named; files are still read only
# through the permission-checked views (no public URLs: querystring_auth, private ACL).
STORAGES["default"] = {"BACKEND": "records.storage.PrivateFileSystemStorage"}
S3_BUCKET = os.environ.get("S3_BUCKET", "")
if S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "records.storage.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("S3_PREFIX", ""),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
