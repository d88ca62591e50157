"""Health checks for the load balancer and the orchestrator.

- `/healthz`: the process is up and answering; touches nothing (no database, no cache), so
  a database outage does not get every app server restarted at once.
- `/readyz`: the database (and the replica, when there is one), the cache and the task
  queue answer; 503 otherwise, so the load balancer sends requests elsewhere. The public
  sees only "ok" or "unavailable"; which check failed goes to the log (and to /metrics).
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import HttpResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)

# A check that takes longer than this is failing: the load balancer waits for no one.
TIMEOUT_SECONDS = 2


def database_ok() -> bool:
    aliases = ["default", *([settings.READ_REPLICA_ALIAS] if settings.READ_REPLICA_ALIAS else [])]
    for alias in aliases:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            if cursor.fetchone() != (1,):
                return False
    return True


def cache_ok() -> bool:
    # A write then a read: django-redis is set to swallow errors (a down Redis is a miss),
    # so only a value that comes back shows the cache answers.
    key, token = "readyz", uuid.uuid4().hex
    cache.set(key, token, timeout=10)
    return cache.get(key) == token


def queue_ok() -> bool:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return True  # tasks run in the request: there is no broker to reach
    from config.celery import app

    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=0, timeout=TIMEOUT_SECONDS)  # one try
    return True


CHECKS = {"database": database_ok, "cache": cache_ok, "queue": queue_ok}


def run_checks() -> dict[str, bool]:
    """Each check's outcome; an exception is a failure, logged with its reason."""
    outcomes = {}
    for name, check in CHECKS.items():
        try:
            outcomes[name] = bool(check())
        except Exception as error:
            logger.warning("readyz: %s check failed: %s", name, error)
            outcomes[name] = False
        if not outcomes[name]:
            logger.warning("readyz: %s is not reachable", name)
    return outcomes


@never_cache
def healthz(request):
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@never_cache
def readyz(request):
    ready = all(run_checks().values())
    return HttpResponse(
        "ok" if ready else "unavailable",
        status=200 if ready else 503,
        content_type="text/plain; charset=utf-8",
    )
