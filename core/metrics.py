"""Request and queue metrics in Prometheus's text format, at /metrics for staff or a token.

A small exporter on prometheus_client rather than django-prometheus: what is needed is
one request counter and latency histogram (labelled by URL name, so the number of series
stays bounded), plus the queue's depth and the import jobs by state, read when scraped.
django-prometheus would also swap the database and cache backends for instrumented ones,
which this project's own backends (the write watcher, COPY) would then have to follow.

Under gunicorn each worker process counts its own requests: set PROMETHEUS_MULTIPROC_DIR
(an empty folder, cleared at each start) and the scrape adds up every process's figures.
"""

import hmac
import os
import time

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily

REQUESTS = Counter(
    "fulian_http_requests",
    "HTTP requests answered, by URL name, method and status code.",
    ["view", "method", "status"],
)
LATENCY = Histogram(
    "fulian_http_request_duration_seconds",
    "Time to answer a request (page cache hits included), by URL name.",
    ["view"],
    buckets=(0.005, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


def view_name(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "<cached-or-unresolved>"  # a page cache hit answers before URL resolution
    return match.view_name or match.route or "<unnamed>"


class RequestMetricsMiddleware:
    """Count and time every request; first in MIDDLEWARE, so it sees page cache hits too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        start = time.perf_counter()
        response = self.get_response(request)
        name = view_name(request)
        LATENCY.labels(name).observe(time.perf_counter() - start)
        REQUESTS.labels(name, request.method, str(response.status_code)).inc()
        return response


class QueueCollector:
    """Read at each scrape: messages waiting on the broker, import jobs by state."""

    def collect(self):
        from django.db.models import Count

        from core.models import ImportJob

        jobs = GaugeMetricFamily(
            "fulian_import_jobs", "Import jobs by state (all time).", labels=["state"]
        )
        counts = dict(ImportJob.objects.values_list("state").annotate(n=Count("pk")))
        for state in ImportJob.State.values:
            jobs.add_metric([state], counts.get(state, 0))
        yield jobs
        waiting = GaugeMetricFamily(
            "fulian_task_queue_length", "Task messages waiting on the broker.", labels=["queue"]
        )
        length = queue_length()
        if length is not None:
            waiting.add_metric([settings.CELERY_TASK_DEFAULT_QUEUE], length)
        yield waiting


def queue_length() -> int | None:
    """Messages waiting in the task queue (Redis broker only; None when unknown)."""
    if settings.CELERY_TASK_ALWAYS_EAGER or not settings.CELERY_BROKER_URL.startswith("redis"):
        return None
    from config.celery import app

    try:
        with app.connection_for_read() as connection:
            client = connection.default_channel.client
            return int(client.llen(settings.CELERY_TASK_DEFAULT_QUEUE))
    except Exception:
        return None


def registry() -> CollectorRegistry:
    from prometheus_client import REGISTRY

    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        collected = CollectorRegistry()
        multiprocess.MultiProcessCollector(collected)
    else:
        collected = CollectorRegistry()
        collected.register(_Default(REGISTRY))
    collected.register(QueueCollector())
    return collected


class _Default:
    """This process's own metrics (the request counter and histogram)."""

    def __init__(self, source):
        self.source = source

    def collect(self):
        yield from self.source.collect()


def allowed(request) -> bool:
    """Staff logged in, or `Authorization: Bearer <METRICS_TOKEN>` when a token is set."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff:
        return True
    token = settings.METRICS_TOKEN
    sent = request.headers.get("Authorization", "")
    return bool(token) and hmac.compare_digest(sent.encode(), f"Bearer {token}".encode())


@never_cache
def metrics(request):
    if not allowed(request):
        return HttpResponse("forbidden", status=403, content_type="text/plain; charset=utf-8")
    return HttpResponse(generate_latest(registry()), content_type=CONTENT_TYPE_LATEST)
