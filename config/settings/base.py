"""Settings shared by every environment, read from environment variables.

Local defaults are safe for a developer's machine: SQLite in the project root,
DEBUG on, and a generated secret key kept in a git-ignored file. Production
(`config.settings.production`) turns DEBUG off and refuses to start without a
real SECRET_KEY.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_HASHES
from django.core.management.utils import get_random_secret_key
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)


def _local_secret_key() -> str:
    # A key that survives restarts (so local sessions do too) without being committed.
    path = BASE_DIR / ".local-secret-key"
    if not path.exists():
        path.write_text(get_random_secret_key(), encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = os.environ.get("SECRET_KEY") or (_local_secret_key() if DEBUG else "")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "simple_history",
    "core.login_security.LoginSecurityConfig",  # django-axes, named in Chinese
    "csp",
    "core",
    "programs",
    "honors",
    "families",
    "reports",
    # Above the record apps: the pages that gather them (home, region, notices).
    "pages",
]

MIDDLEWARE = [
    # First, so it times everything below, page cache hits included (core.metrics).
    "core.metrics.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files with far-future caching, answered before anything else runs.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "core.middleware.PreferredLanguageMiddleware",
    # Public pages from Redis while the data has not changed (core.cache); a hit skips
    # everything below, so the stored page is the finished one.
    "core.middleware.PublicPageCacheMiddleware",
    # Converts the finished page, so it sits before (outside) the middleware that add to it.
    "core.middleware.VisitorScriptMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Admin searches and history ids that PostgreSQL would refuse: 400 / 404, not 500.
    "core.middleware.AdminInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Knows the user: public reads of visitors may go to the replica (core.replica).
    "core.replica.ReplicaReadsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Records who made each change, for the history of every record.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

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
                "pages.identity.site_identity",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        # Persistent connections save a connect per request on PostgreSQL.
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # Readers go on reading while a long import writes (WAL); a second writer waits up to
        # 20 s instead of failing with "database is locked"; IMMEDIATE takes the write lock at
        # BEGIN, so the wait applies (a deferred transaction that upgrades cannot wait).
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }

# A read replica (PostgreSQL streaming replication) for public pages: visitors' reads go
# there, staff and any request that wrote read the primary (core.replica). Unset: one database.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
READ_REPLICA_ALIAS = "replica" if DATABASE_REPLICA_URL else ""
DATABASE_ROUTERS = ["core.replica.PrimaryReplicaRouter"]
# After a write, a browser reads the primary this long: longer than the replica's usual lag.
REPLICA_STICKY_SECONDS = int(os.environ.get("REPLICA_STICKY_SECONDS", "15"))

REDIS_URL = os.environ.get("REDIS_URL", "")
# A Redis that is down or full is a cache miss, logged, not an error: public pages are
# rendered and staff's writes go through (a stale page lives PUBLIC_CACHE_SECONDS at most).
REDIS_CACHE_OPTIONS = {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "fulian",
            "OPTIONS": REDIS_CACHE_OPTIONS,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Public pages, list counts and filter choices are cached under a version of the data that
# every write moves on (core.cache). Only with a cache the app servers share: a cache in
# one process's memory cannot hear of another worker's write. 0 turns caching off.
PUBLIC_CACHE_SECONDS = int(os.environ.get("PUBLIC_CACHE_SECONDS", "600" if REDIS_URL else "0"))
# Word and Excel files made for one address per minute (rolls, the report's files, list
# exports): each takes seconds; a file served from the cache does not count. 0: no limit.
DOWNLOADS_PER_MINUTE = int(os.environ.get("DOWNLOADS_PER_MINUTE", "6"))
# Objections to a notice sent from one address an hour (pages.notices); 0: no limit.
OBJECTIONS_PER_HOUR = int(os.environ.get("OBJECTIONS_PER_HOUR", "5"))
# Background work: Celery, its broker and how it retries (config/settings/tasks.py).
from .tasks import *  # noqa: E402, F403

# What this deployment is (e.g. its commit): pages cached by another release are not served,
# since they name static files by hashes that release had. Unset: the static files' manifest.
RELEASE = os.environ.get("RELEASE", "")

# django-axes first: it refuses a locked-out login before a password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Argon2 for new and changed passwords; the others only to check (and then upgrade)
# passwords hashed before.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", _("简体中文")),
    ("zh-hant", _("繁體中文")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Where `collectstatic` writes the files WhiteNoise serves (production: hashed names).
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]

MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Photos are served only while their record is public (pages.photos checks, then sends the
# file). Behind nginx, an `internal` location aliasing MEDIA_ROOT (e.g. /protected-media/):
# the view answers X-Accel-Redirect and nginx sends the file. Empty: Django sends it.
MEDIA_ACCEL_REDIRECT = os.environ.get("MEDIA_ACCEL_REDIRECT", "")

# Uploaded photos and their thumbnails: on local disk by default; in an S3-compatible bucket
# (AWS S3, MinIO, Alibaba OSS, Tencent COS …, through django-storages) when MEDIA_S3_BUCKET
# is set, so that every app server reads and writes the same files.
MEDIA_S3_BUCKET = os.environ.get("MEDIA_S3_BUCKET", "")
if MEDIA_S3_BUCKET:
    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            # Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, read by boto3 itself.
            "custom_domain": os.environ.get("MEDIA_S3_CUSTOM_DOMAIN") or None,
            "location": os.environ.get("MEDIA_S3_PREFIX", "media"),
            # Photos are public; their names are generated and never reused.
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
        },
    }
    # Where the browser fetches photos from, for the Content-Security-Policy's img-src.
    if MEDIA_STORAGE["OPTIONS"]["custom_domain"]:
        MEDIA_ORIGINS = [f"https://{MEDIA_STORAGE['OPTIONS']['custom_domain']}"]
    elif MEDIA_STORAGE["OPTIONS"]["endpoint_url"]:
        MEDIA_ORIGINS = [MEDIA_STORAGE["OPTIONS"]["endpoint_url"].rstrip("/")]
    else:
        MEDIA_ORIGINS = [f"https://{MEDIA_S3_BUCKET}.s3.amazonaws.com", "https://*.amazonaws.com"]
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    MEDIA_ORIGINS = []
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Uploaded photos are re-encoded and thumbnailed; keep the raw upload bounded.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Errors are logged to the console (gunicorn's stderr, i.e. the journal), never mailed
# unless ADMINS is set, and never shown to visitors once DEBUG is off.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "filters": {
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        "once_per_minute": {"()": "core.logs.OncePerMinute"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Replaces Django's default handlers (console only with DEBUG, mail_admins):
        # messages reach the console through the root logger.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        # Not its start-up banner on every command; failed logins and lockouts still are.
        "axes.apps": {"level": "WARNING"},
        # A Redis that is down is logged once a minute (with a count), not at every cache call.
        "django_redis": {"filters": ["once_per_minute"]},
        "django_redis.cache": {"filters": ["once_per_minute"]},
    },
}

# ADMINS="Name <a@example.org>, b@example.org": server errors are also mailed to them.
ADMINS = [
    (address.split("<")[0].strip() or address, address.split("<")[-1].rstrip(">").strip())
    for address in env_list("ADMINS", [])
]
if ADMINS:
    LOGGING["loggers"]["django"]["handlers"] = ["mail_admins"]

# Photos (core.validators.validate_photo): real JPEG, PNG or WebP only, within these limits.
PHOTO_MAX_BYTES = 10 * 1024 * 1024
PHOTO_MAX_PIXELS = 40_000_000

# --- Logins (django-axes) -------------------------------------------------------------
# After AXES_FAILURE_LIMIT failed logins for one user name, or from one address, further
# logins for that name (or from that address) are refused, even with the right password,
# until AXES_COOLOFF_TIME has passed or an administrator unlocks them in the admin
# (Axes › Access attempts → delete, or `manage.py axes_reset_username NAME`). Behind nginx
# the address is the X-Real-IP header (TRUST_X_REAL_IP, on in production); here it is
# REMOTE_ADDR.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# A successful login does not wipe the count: it would also wipe the failures against
# other accounts from the same address, letting one account's owner guess another's.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "config.security.lockout_response"
AXES_CLIENT_IP_CALLABLE = "config.security.client_ip"
TRUST_X_REAL_IP = env_bool("TRUST_X_REAL_IP", False)

# --- Sessions -------------------------------------------------------------------------
# A staff session lasts a working day at most, and ends when the browser is closed.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Headers --------------------------------------------------------------------------
# Harmless over plain HTTP, so set here for development too; the HTTPS-only ones
# (redirect, HSTS, secure cookies) are in config.settings.production.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp 4 format): scripts, styles, images and fonts come
# from this site only; no inline script or style, in the public pages or the admin
# (Django's admin keeps its scripts in files and its data in data- attributes).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # One inline style attribute, in django-simple-history's admin history page
        # (`<p class="paginator" style="border-top: 0">`), allowed by its hash alone.
        "style-src-attr": [UNSAFE_HASHES, "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='"],
        "img-src": [SELF, *MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# /metrics (core.metrics) answers staff, or a scraper sending `Authorization: Bearer <token>`.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")

# Uploaded import files hold ID numbers and phones: kept outside MEDIA_ROOT, never served.
IMPORT_ROOT = Path(os.environ.get("IMPORT_ROOT", BASE_DIR / "private" / "imports"))
