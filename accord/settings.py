"""Accord's one settings module, configured from the environment.

Every setting a deployment may change is read here and documented in docs/settings.md;
tests/test_docs.py fails when one is missing from the docs.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [part.strip() for part in value.split(",") if part.strip()]


# ACCORD_HOME holds the local database, the generated secret key, uploads and collected static files. It is made
# 0700 when Accord creates it, and the files in it that hold secrets (key, SQLite database, uploads) 0600.
ACCORD_HOME = Path(os.environ.get("ACCORD_HOME", "var")).resolve()
# Production mode: DEBUG off, a strong SECRET_KEY required, secure cookies and HSTS.
PRODUCTION = env_bool("ACCORD_PRODUCTION", False)
# Django's debug pages show settings and the URL configuration: only when asked for, and never in production.
DEBUG = env_bool("ACCORD_DEBUG", False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("ACCORD_DEBUG cannot be on in production mode (ACCORD_PRODUCTION=1).")


def make_private_dir(path: Path) -> None:
    """Create a folder readable by its owner only (mode 0700 from the start; an existing folder is left as it is)."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)


def create_private_file(path: Path, content: bytes = b"") -> bool:
    """Create `path` with mode 0600 unless it exists; True if this call created it. Never a chmod after writing."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)
    return True


SECRET_KEY_MIN_BITS = 256


def _secret_key() -> str:
    from accord.keys import key_problem

    key = os.environ.get("SECRET_KEY", "")
    if PRODUCTION:
        problem = key_problem(key, SECRET_KEY_MIN_BITS)
        if problem:
            raise ImproperlyConfigured(
                f"SECRET_KEY must be set in production mode (ACCORD_PRODUCTION=1) to a random value: {problem}. "
                "Generate one with: python3 -c 'import secrets; print(secrets.token_urlsafe(60))'"
            )
        return key
    if key:
        return key
    # Local use: generate once and keep it beside the database so sessions survive restarts.
    path = ACCORD_HOME / "secret_key"
    make_private_dir(ACCORD_HOME)
    create_private_file(path, secrets.token_urlsafe(50).encode())
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # First, so that its registration/ templates (sign-in, password reset) win over the admin's.
    "accord.accounts",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "csp",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "accord.audit",
    "accord.network",
    "accord.plans",
    "accord.events",
    "accord.imports",
    "accord.search",
    "accord.reports",
    "accord.workspace",
    "accord.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Refuses a request body over the upload limits from its Content-Length, before anything reads it.
    "accord.web.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "accord.web.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accord.accounts.middleware.SessionActivityMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "accord.web.middleware.LoginRequiredMiddleware",
    "accord.web.middleware.RefusalLogMiddleware",
]

ROOT_URLCONF = "accord.urls"
WSGI_APPLICATION = "accord.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
    # The row-heavy fragments (each app's jinja2/ folder): docs/decisions/0013-jinja2-for-row-templates.md.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "accord.web.jinja.environment"},
    },
]

# Database: DATABASE_URL, or a SQLite file under ACCORD_HOME.
_default_db = f"sqlite:///{ACCORD_HOME / 'accord.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL") or _default_db, conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if str(DATABASES["default"]["NAME"]) not in ("", ":memory:"):
        # An empty file is a valid SQLite database: created here 0600, SQLite keeps that mode for its WAL files.
        _db_path = Path(DATABASES["default"]["NAME"])
        make_private_dir(_db_path.parent)
        create_private_file(_db_path)
    # WAL lets readers and one writer work at once; the busy timeout makes a second writer wait
    # instead of failing, and IMMEDIATE transactions take the write lock up front (no upgrade deadlocks).
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
_prepare = os.environ.get("ACCORD_PG_PREPARE", "1") != "0"
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and _prepare:
    # Queries sent with their parameters apart (server-side binding), and each prepared the second time a connection
    # sends it: PostgreSQL plans it once, not on every request (0.3-1.3 ms a query with joins; a cold plan page's
    # queries 7.1 -> 4.5 ms). Off with ACCORD_PG_PREPARE=0, for a pooler in transaction mode that keeps no
    # prepared statements (docs/deployment.md, docs/decisions/0018).
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("server_side_binding", True)
    DATABASES["default"]["OPTIONS"].setdefault("prepare_threshold", 2)
_page_cost = os.environ.get("ACCORD_PG_RANDOM_PAGE_COST", "1.1").strip()
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and _page_cost:
    # Accord's data is small and read from memory: with the default cost of a random page (4, a spinning disk's),
    # PostgreSQL scans every item owner of the network to count a plan's (the workload 6.1 -> 1.6 ms, the Table
    # tab 7.3 -> 5.1; docs/decisions/0018). Set for Accord's connections at their start (no statement of its
    # own); empty keeps the server's, e.g. behind a pooler that refuses startup options (docs/deployment.md).
    try:
        _cost = float(_page_cost)
    except ValueError:
        _cost = -1.0
    if not 0 < _cost <= 100:
        raise ImproperlyConfigured(
            f"ACCORD_PG_RANDOM_PAGE_COST must be a number above 0 and at most 100 (or empty), not {_page_cost!r}."
        )
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("options", f"-c random_page_cost={_cost:g}")
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("ACCORD_TEST_DATABASE") or None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workspace:home"
LOGOUT_REDIRECT_URL = "login"
# Sign-in throttling (accord/accounts/throttle.py): after this many failures within the window, further attempts
# for the same account, or from the same address, are refused until the window has passed.
ACCORD_SIGNIN_MAX_FAILURES = int(os.environ.get("ACCORD_SIGNIN_MAX_FAILURES", "5"))
ACCORD_SIGNIN_ADDRESS_MAX_FAILURES = int(os.environ.get("ACCORD_SIGNIN_ADDRESS_MAX_FAILURES", "20"))
ACCORD_SIGNIN_WINDOW_MINUTES = int(os.environ.get("ACCORD_SIGNIN_WINDOW_MINUTES", "15"))
# Reverse proxies of our own in front of Accord: their number says which X-Forwarded-For entry is the client's.
ACCORD_PROXY_COUNT = int(os.environ.get("ACCORD_PROXY_COUNT", "0"))
# Mail (password reset links, the members' digest and reminders) goes through Django's mail backends: printed
# to the console locally, sent to the SMTP server named here in production mode.
EMAIL_BACKEND = os.environ.get(
    "ACCORD_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "accord@localhost")
PASSWORD_RESET_TIMEOUT = int(os.environ.get("ACCORD_PASSWORD_RESET_HOURS", "2")) * 3600

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français"), ("de", "Deutsch"), ("es", "Español")]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Brussels")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = ACCORD_HOME / "static"
if not PRODUCTION:
    make_private_dir(ACCORD_HOME)
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Uploaded documents wait here for the importer (accord/imports), readable by Accord's user only.
MEDIA_ROOT = ACCORD_HOME / "media"
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Static files are found in the apps directly while developing, so `accord serve` works before collectstatic
# (with DEBUG off too: WhiteNoise serves them, not Django's debug view).
WHITENOISE_USE_FINDERS = not PRODUCTION

# Uploads: ACCORD_MAX_UPLOAD_MB per file, ACCORD_MAX_REQUEST_MB for a whole request. A request announcing more
# is refused from its Content-Length before its body is read (RequestSizeLimitMiddleware); the upload handler
# (accord/web/uploads.py) stops reading a file that grows past the limit, for clients that announce nothing.
# Files are streamed to temporary files on disk, never held whole in memory.
ACCORD_MAX_UPLOAD_MB = int(os.environ.get("ACCORD_MAX_UPLOAD_MB", "20"))
ACCORD_MAX_REQUEST_MB = int(os.environ.get("ACCORD_MAX_REQUEST_MB", "60"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 20
FILE_UPLOAD_HANDLERS = ["accord.web.uploads.LimitedTemporaryFileUploadHandler"]

# Rendered page bodies (accord/web/page_cache.py) are cached where every gunicorn worker finds them: SQLite files
# under ACCORD_HOME/cache (diskcache; private modes, accord/web/cache.py), no service to run
# (docs/decisions/0014-shared-page-cache.md). ACCORD_CACHE picks another: "file" (Django's file-based cache, also
# shared, files written 0600 in a 0700 folder), "locmem" (each process its own). A deployment that runs Redis or
# Memcached (PostgreSQL installs with several servers) sets CACHES in its own settings module; nothing else changes.
ACCORD_CACHE = os.environ.get("ACCORD_CACHE", "disk")
# Every baked read (accord/web/baked.py) also built and compiled the usual way and compared: on in the test suite.
ACCORD_BAKED_CHECK = os.environ.get("ACCORD_BAKED_CHECK", "") == "1"
_CACHE_BACKENDS: dict[str, dict[str, Any]] = {
    "disk": {
        "BACKEND": "accord.web.cache.PrivateDiskCache",
        "LOCATION": str(ACCORD_HOME / "cache"),
        "OPTIONS": {"size_limit": 256 * 2**20},
    },
    "file": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(ACCORD_HOME / "cache-files"),
        "OPTIONS": {"MAX_ENTRIES": 20000},
    },
    "locmem": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "accord",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}
if ACCORD_CACHE not in _CACHE_BACKENDS:
    raise ImproperlyConfigured(f"ACCORD_CACHE must be one of {', '.join(_CACHE_BACKENDS)}, not {ACCORD_CACHE!r}.")
CACHES = {"default": _CACHE_BACKENDS[ACCORD_CACHE]}

TASKS = {
    "default": {
        "BACKEND": os.environ.get("ACCORD_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Sessions live in the database, which every worker shares: signing out ends the session in all of them at once.
# (cached_db on the per-process cache would let the other workers keep a signed-out session; see
# docs/decisions/0007-page-versions.md.) One primary-key read per request.
# Django's database sessions and ModelBackend, each reading its row through a baked read (docs/decisions/0015).
SESSION_ENGINE = "accord.accounts.sessions"
AUTHENTICATION_BACKENDS = ["accord.accounts.backends.AccountBackend"]
SESSION_COOKIE_HTTPONLY = True
# A session ends after ACCORD_SESSION_HOURS without a request (SessionActivityMiddleware renews it while it is
# used) and, unless ACCORD_SESSION_KEEP_ON_CLOSE is on, when the browser closes.
SESSION_COOKIE_AGE = int(float(os.environ.get("ACCORD_SESSION_HOURS", "12")) * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = not env_bool("ACCORD_SESSION_KEEP_ON_CLOSE", False)
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): scripts, styles and everything else from Accord's own origin only; no
# inline script, style or event handler anywhere (htmx is told not to add its indicator style, see base.html).
_SELF, _NONE = "'self'", "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "img-src": [_SELF, "data:"],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "object-src": [_NONE],
        "base-uri": [_NONE],
        "form-action": [_SELF],
        "frame-ancestors": [_NONE],
    },
}
# Browser features no page of Accord uses, switched off for every page (SecurityHeadersMiddleware).
ACCORD_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# accord.security logs sign-in successes (INFO), failures and throttled attempts (WARNING) and every refused
# authorisation (403/404 answered to a request, WARNING) with the user, the address and the path.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "accord.security": {"level": os.environ.get("ACCORD_SECURITY_LOG_LEVEL", "INFO")},
    },
}

# The address people open Accord at: links in emails start with it.
ACCORD_SITE_URL = os.environ.get("ACCORD_SITE_URL", "http://127.0.0.1:8000")
# Reminders go this many days before the end date of an item a person owns.
ACCORD_REMINDER_DAYS = int(os.environ.get("ACCORD_REMINDER_DAYS", "7"))
# The hour (local time) the background worker's daily digest run starts.
ACCORD_DIGEST_HOUR = int(os.environ.get("ACCORD_DIGEST_HOUR", "7"))
