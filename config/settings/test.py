"""Settings for the test suite: the base settings with fast hashing."""

from .base import *  # noqa: F403

# Hashing with PBKDF2 at full strength makes every login in a test take ~0.3 s.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
