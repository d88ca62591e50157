"""Settings for the test suite: the development settings (demo app included) with fast hashing."""

import tempfile
from pathlib import Path

from .dev import *  # noqa: F403
from .dev import DATABASES

# Hashing with PBKDF2 at full strength makes every login in a test take ~0.3 s.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Files the tests (and the demo loaded for them) write never land in the project's media/.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="fulian-test-media-"))
IMPORT_ROOT = Path(tempfile.mkdtemp(prefix="fulian-test-imports-"))
# An empty folder, so WhiteNoise (which serves STATIC_ROOT) has one to look at; the tests
# never run collectstatic and need no static file served.
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="fulian-test-static-"))
# The suite downloads hundreds of files a minute from one address; the limit's own tests
# set it (tests/core/test_document_cache.py).
DOWNLOADS_PER_MINUTE = 0

# Tasks run at once, inside the test's transaction; the worker test (tests/core/
# test_worker.py) starts a real worker on PostgreSQL and Redis instead.
CELERY_BROKER_URL = "memory://"
CELERY_TASK_ALWAYS_EAGER = True

# A second alias for the router's tests (tests/core/test_replica.py): the same test database,
# as Django's test runner sets up a mirror. Off until a test names it in READ_REPLICA_ALIAS,
# since a mirror's own connection does not see what a test wrote in its transaction.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
READ_REPLICA_ALIAS = ""
