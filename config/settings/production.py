"""Production settings: DEBUG off, secrets required from the environment, HTTPS only.

Served by gunicorn behind nginx, which terminates TLS and sets X-Forwarded-Proto and
X-Real-IP (see "Deploying" in README.md). `manage.py check --deploy` is clean with these.
"""

import os

from django.core.exceptions import ImproperlyConfigured

# Before base.py is read: with DEBUG off it neither defaults hosts nor writes a local key.
os.environ.setdefault("DEBUG", "0")

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment in production.")

# base.py's default host list is for a developer's machine.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])

# --- HTTPS ------------------------------------------------------------------------------
# nginx speaks HTTPS to visitors and HTTP to gunicorn; it says which in X-Forwarded-Proto
# (and must overwrite any such header a visitor sends).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# The load balancer's health checks speak plain HTTP to each app server.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# One year, for every subdomain, and eligible for the browsers' preload lists.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

# Failed logins are counted per visitor address, which nginx passes in X-Real-IP.
TRUST_X_REAL_IP = env_bool("TRUST_X_REAL_IP", True)

# --- Static files -----------------------------------------------------------------------
# `manage.py collectstatic` writes hashed, compressed copies that WhiteNoise serves with
# far-future cache headers.
STORAGES = {
    "default": MEDIA_STORAGE,  # noqa: F405 — local disk or S3-compatible, as base sets it
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
