"""Django settings, read from the environment so that one code base serves a laptop and a server.

Production env vars (see docs/deployment.md): ``PLANWATCH_SECRET_KEY``, ``DATABASE_URL``,
``PLANWATCH_ALLOWED_HOSTS``, ``PLANWATCH_HTTPS=1`` behind a TLS proxy, ``PLANWATCH_DATA_DIR``.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy

from planwatch.limits import Limits

WEB_DIR = Path(__file__).resolve().parent


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [part.strip() for part in value.split(",") if part.strip()]


#: Where the SQLite file, uploaded evidence, collected static files and the generated key live.
DATA_DIR = Path(os.environ.get("PLANWATCH_DATA_DIR") or Path.cwd() / "var").resolve()


def _secret_key() -> str:
    """The key from the environment; otherwise one generated once and kept in the data dir."""
    key = os.environ.get("PLANWATCH_SECRET_KEY")
    if key:
        return key
    path = DATA_DIR / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    tmp = DATA_DIR / f".secret_key.{os.getpid()}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(key)
    try:
        os.link(tmp, path)  # atomic: a concurrent process either wins or reads a whole key
    except FileExistsError:
        key = path.read_text(encoding="utf-8").strip()
    finally:
        tmp.unlink()
    return key


SECRET_KEY = _secret_key()
DEBUG = _flag("PLANWATCH_DEBUG")
ALLOWED_HOSTS = _list("PLANWATCH_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = _list("PLANWATCH_CSRF_TRUSTED_ORIGINS", [])
# A form sent with a stale token is shown again, filled in, with a fresh one (core.csrf_failure).
CSRF_FAILURE_VIEW = "planwatch.web.core.csrf_failure.csrf_failure"

# Behind a TLS-terminating reverse proxy (nginx) set PLANWATCH_HTTPS=1.
HTTPS = _flag("PLANWATCH_HTTPS")
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("PLANWATCH_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# A session lasts one working day and ends when the browser closes (a shared office computer);
# PLANWATCH_SESSION_HOURS and PLANWATCH_SESSION_BROWSER_CLOSE=0 change that.
SESSION_COOKIE_AGE = int(float(os.environ.get("PLANWATCH_SESSION_HOURS", "9")) * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = _flag("PLANWATCH_SESSION_BROWSER_CLOSE", True)
# Strict: every script and style comes from our own static files, no inline code or style
# attribute (docs/deployment.md, "Security headers"). ECharts and Swagger UI set styles through
# the DOM, which a policy does not restrict.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
#: Features no page of ours uses: a browser refuses them to any script on the site.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI and Redoc served from our own static files
    "django_filters",
    "django_tasks",
    "django_tasks_db",  # the task queue's table: background work needs no server of its own
    "csp",
    # Lowest first: each app imports only apps above it in this list (tests/web/test_layers.py).
    "planwatch.web.history",
    "planwatch.web.core",
    "planwatch.web.accounts",
    "planwatch.web.plans",
    "planwatch.web.reporting",
    "planwatch.web.annual",
    "planwatch.web.roadmap",
    "planwatch.web.supervision",
    "planwatch.web.api",
    "planwatch.web.dashboard",
    "planwatch.web.evaluation",
    "planwatch.web.portal",
    "planwatch.web.surveys",
    "planwatch.web.notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "planwatch.web.core.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "planwatch.web.core.locale.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "planwatch.web.core.nul_bytes.RefuseNulMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "planwatch.web.history.middleware.RequestIdMiddleware",
    "planwatch.web.core.public_text.PublicPagesMiddleware",
]

ROOT_URLCONF = "planwatch.web.urls"
WSGI_APPLICATION = "planwatch.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Each app keeps its templates in <app>/templates/<app>/; base.html is core's.
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "planwatch.web.plans.context.site",
                "planwatch.web.portal.context.moderation",
                "planwatch.web.notifications.context.inbox",
            ],
        },
    }
]


def _database() -> dict:
    url = os.environ.get("DATABASE_URL")
    if url:
        database = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        if database["ENGINE"] == "django.db.backends.postgresql":
            # Django's backend doing less per query (health check, timestamps, joins)
            database["ENGINE"] = "planwatch.web.core.postgresql"
            # A server-side cursor costs five round trips (DECLARE, DESCRIBE, FETCH until empty,
            # CLOSE) where a query costs one; Django opens one for every select box of a form
            # (ModelChoiceIterator), and nothing here streams more rows than fit in memory.
            database["DISABLE_SERVER_SIDE_CURSORS"] = True
            # Parameters sent apart from the query, and a query a connection has run five times
            # prepared once (psycopg's default threshold): PostgreSQL stops parsing and planning
            # the same few dozen queries on every request (a third of its CPU in the bench).
            database.setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
        return database
    # SQLite creates the file but never its directory; the key may come from the environment,
    # so nothing else has made the data dir yet.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "planwatch.sqlite3",
        # Kept open between requests, as PostgreSQL's: opening one costs more than a cached
        # page (the file, the two PRAGMAs).
        "CONN_MAX_AGE": 600,
        "CONN_HEALTH_CHECKS": True,
        # WAL and immediate transactions let several gunicorn workers write without
        # "database is locked" errors.
        "OPTIONS": {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }


DATABASES = {"default": _database()}
# Each worker keeps its own cache of assessments and rendered fragments. That is still exact:
# every key carries the data revision, read from the database on each request, and every
# tracked write replaces it (docs/deployment.md, "Caching"). Nothing to run, nothing to share.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "planwatch",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

#: Failed logins per (username, address) allowed within the window before a lock-out.
LOGIN_FAILURE_LIMIT = int(os.environ.get("PLANWATCH_LOGIN_FAILURE_LIMIT", "5"))
LOGIN_LOCK_MINUTES = int(os.environ.get("PLANWATCH_LOGIN_LOCK_MINUTES", "15"))

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS: list = []  # each app has its own catalogue in <app>/locale/
#: A filter list's first option, "no filter" (django-filter's own reads "---------").
FILTERS_EMPTY_CHOICE_LABEL = gettext_lazy("全部")
TIME_ZONE = os.environ.get("PLANWATCH_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [WEB_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Production serves hashed, compressed copies made by collectstatic (``planwatch serve``
    # runs it); in DEBUG the files are served straight from the source tree.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

#: Largest upload accepted (outline, Excel workbook, evidence file), in bytes.
MAX_UPLOAD_BYTES = int(os.environ.get("PLANWATCH_MAX_UPLOAD_MB", "10")) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o640
#: How much of an uploaded file is read before it is refused (rows, columns, cells, characters
#: per cell, unpacked bytes, seconds): planwatch.limits, each from a PLANWATCH_UPLOAD_* variable.
UPLOAD_LIMITS = Limits.from_environment()

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "planwatch.web.api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # JSON only: the browsable API's pages need inline scripts and styles (refused by the
    # Content-Security-Policy) and speak English; people read the API at /api/docs/.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
    # Per client and per worker process (local-memory cache); generous for a statistics
    # office's batch push, tight enough to slow down a scraper.
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("PLANWATCH_API_ANON_RATE", "120/minute"),
        "user": os.environ.get("PLANWATCH_API_USER_RATE", "1200/minute"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "planwatch API",
    "DESCRIPTION": "Plans, measurable items, observations and assessments.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # No CDN: the docs page loads Swagger UI from drf-spectacular-sidecar's files, and never
    # sends the schema's address to swagger.io's online validator.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    # Several fields share one choice set: name it once in the schema.
    "ENUM_NAME_OVERRIDES": {"ComparatorEnum": "planwatch.web.plans.choices.Comparator"},
}

# Background work (notifications, reminders): Django's tasks API with the database backend by
# default — the queue is a table in the same database, so two app servers and any number of
# ``planwatch worker`` processes share it. Larger deployments may name another backend
# (docs/deployment.md, "Background worker").
TASKS = {
    "default": {
        "BACKEND": os.environ.get("PLANWATCH_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
#: A background task still RUNNING this many minutes after a worker claimed it is taken as
#: abandoned (its worker was killed) and queued again (core/background.py).
TASK_STALE_MINUTES = int(os.environ.get("PLANWATCH_TASK_STALE_MINUTES", "30"))
#: Days before a round's deadline on which ``planwatch remind`` reminds the departments.
REMIND_DAYS = sorted(
    {int(d) for d in _list("PLANWATCH_REMIND_DAYS", ["7", "3", "1"])}, reverse=True
)

# E-mail: SMTP when PLANWATCH_EMAIL_HOST is set, otherwise printed to the worker's console.
EMAIL_HOST = os.environ.get("PLANWATCH_EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get("PLANWATCH_EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("PLANWATCH_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("PLANWATCH_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("PLANWATCH_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _flag("PLANWATCH_EMAIL_TLS")
EMAIL_USE_SSL = _flag("PLANWATCH_EMAIL_SSL")
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("PLANWATCH_EMAIL_FROM", "planwatch@localhost")
EMAIL_SUBJECT_PREFIX = "[planwatch] "
#: The site's address in e-mails (links back to the inbox); no request to read it from.
SITE_URL = os.environ.get("PLANWATCH_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
#: The issuing authority the public portal names in its header (a coordinator may publish
#: another name and a logo per plan; docs/dashboards.md).
PORTAL_AUTHORITY = os.environ.get("PLANWATCH_PORTAL_AUTHORITY", "").strip()

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("PLANWATCH_LOG_LEVEL", "WARNING")},
}
