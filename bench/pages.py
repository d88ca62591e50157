"""Server time and query count of the public lists and the family changelist, in process.

Django's test Client calls the WSGI handler directly (no network), with the
production settings (DEBUG off) against the bench database; each URL is asked
a few times to warm up, then `REQUESTS` times (bounded by `MAX_SECONDS`). The
reference is the database's own time for the same SQL: every query one request
ran, re-run under EXPLAIN ANALYZE, execution times added up.
"""

import json
import math
import time
from dataclasses import dataclass

from bench.common import Row, log, median, ms, p95

REQUESTS = 30
WARMUP = 3
MAX_SECONDS = 90
LIST_TARGET = 0.015
PAGE_RATIO_TARGET = 1.2
ADMIN_TARGET = 0.150
ADMIN_MAX_QUERIES = 6


@dataclass
class Measured:
    url: str
    times: list[float]
    queries: list[str]
    sql_seconds: float
    slowest_sql: tuple[float, str]

    @property
    def median(self) -> float:
        return median(self.times)

    @property
    def p95(self) -> float:
        return p95(self.times)


def explain_seconds(sql: str, runs: int = 3) -> float:
    """Median EXPLAIN ANALYZE execution time of one query, in seconds."""
    from django.db import connection

    timings = []
    with connection.cursor() as cursor:
        for _ in range(runs):
            cursor.execute(f"EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) {sql}")
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            timings.append(plan[0]["Execution Time"] / 1000)
    return median(timings)


def measure(client, url: str, requests: int = REQUESTS, cached: bool = True) -> Measured:
    """With `cached=False` the page cache (and the cached counts) are off: every request
    renders the page, as the first one after a write does."""
    from django.test import override_settings

    if cached:
        return _measure(client, url, requests)
    with override_settings(PUBLIC_CACHE_SECONDS=0):
        return _measure(client, url, requests)


def _measure(client, url: str, requests: int) -> Measured:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARMUP):
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    queries = [query["sql"] for query in captured.captured_queries]
    times = []
    deadline = time.monotonic() + MAX_SECONDS
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        if time.monotonic() > deadline:
            break
    selects = [sql for sql in queries if sql.lstrip().upper().startswith("SELECT")]
    explained = [(explain_seconds(sql), sql) for sql in selects]
    slowest = max(explained, default=(0.0, ""))
    measured = Measured(url, times, queries, sum(t for t, _ in explained), slowest)
    log(
        f"  {url}: median {ms(measured.median)}, p95 {ms(measured.p95)}, "
        f"{len(queries)} queries, SQL {ms(measured.sql_seconds)} (n={len(times)})"
    )
    return measured


def common_name(list_name: str) -> str:
    """A typical search: the most frequent three-character name, typed in simplified script."""
    from django.db.models import Count
    from django.db.models.functions import Length

    from core import text
    from families.models import Family
    from honors.models import Recipient

    if list_name == "families":
        queryset = Family.objects.public()
    else:
        queryset = Recipient.objects.filter(kind="individual")
    name = (
        queryset.annotate(length=Length("name"))
        .filter(length=3)
        .values("name")
        .annotate(n=Count("pk"))
        .order_by("-n", "name")
        .values_list("name", flat=True)
        .first()
    )
    return text.normalize_for_search(name or "王")


def page_row(section: str, measured: Measured, how: str) -> Row:
    seconds = measured.median
    ratio = seconds / measured.sql_seconds if measured.sql_seconds else None
    return Row(
        section,
        f"{measured.url} ({how})",
        f"median {ms(seconds)}, p95 {ms(measured.p95)}, {len(measured.queries)} queries",
        f"SQL {ms(measured.sql_seconds)} (EXPLAIN ANALYZE, slowest {ms(measured.slowest_sql[0])})",
        ratio,
        f"median < {LIST_TARGET * 1000:g} ms",
        seconds < LIST_TARGET,
    )


def query_count_row(section: str, name: str, measured: list[Measured], target: str) -> Row:
    """The query counts of pages that should all run the same number, judged as one row."""
    counts = [len(m.queries) for m in measured]
    return Row(
        section, name, " / ".join(str(n) for n in counts), "", None, target, len(set(counts)) == 1
    )


def run_lists() -> tuple[list[Row], list[Measured]]:
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    rows, all_measured = [], []
    for list_name in ("honors", "families"):
        section = f"Public list /{list_name}/ (in process, Client, DEBUG off)"
        q = common_name(list_name)
        urls = [
            f"/{list_name}/",
            f"/{list_name}/?year=2022&level=city",
            f"/{list_name}/?q={q}",
            f"/{list_name}/?page=500",
        ]
        log(f"pages: /{list_name}/, cached (Redis) and rendered every time")
        cached = [measure(client, url) for url in urls]
        measured = [measure(client, url, cached=False) for url in urls]
        all_measured += measured
        for hit, rendered in zip(cached, measured, strict=True):
            rows.append(page_row(section, hit, "cached"))
            rows.append(page_row(section, rendered, "rendered, no cache"))
        rows.append(
            query_count_row(
                section,
                "query count on the four pages (rendered)",
                measured,
                "constant (the same on every page)",
            )
        )
        first, last = measured[0], measured[3]
        ratio = last.median / first.median
        rows.append(
            Row(
                section,
                "?page=500 vs page 1 (rendered)",
                f"median {ms(last.median)} (SQL {ms(last.sql_seconds)})",
                f"page 1 {ms(first.median)} (SQL {ms(first.sql_seconds)})",
                ratio,
                f"≤ {PAGE_RATIO_TARGET:g}× page 1",
                ratio <= PAGE_RATIO_TARGET,
            )
        )
    return rows, all_measured


def run_admin() -> tuple[list[Row], list[Measured]]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from families.models import Family

    user_model = get_user_model()
    user = user_model.objects.filter(username="bench-admin").first()
    if user is None:
        user = user_model(username="bench-admin", is_staff=True, is_superuser=True)
        user.set_unusable_password()
        user.save()
    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    # The first backend (django-axes) does not load users from a session.
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    last_page = max(1, math.ceil(Family.objects.count() / 50))
    q = common_name("families")
    urls = [
        "/admin/families/family/",
        "/admin/families/family/?level__exact=city",
        f"/admin/families/family/?q={q}",
        f"/admin/families/family/?p={last_page}",
    ]
    log("pages: admin family changelist")
    measured = [measure(client, url, requests=15) for url in urls]
    rows = []
    for m in measured:
        seconds = m.median
        rows.append(
            Row(
                f"Admin changelist of families, {Family.objects.count():,} rows (superuser)",
                m.url,
                f"median {ms(seconds)}, p95 {ms(m.p95)}, {len(m.queries)} queries",
                f"SQL {ms(m.sql_seconds)} (EXPLAIN ANALYZE, slowest {ms(m.slowest_sql[0])})",
                seconds / m.sql_seconds if m.sql_seconds else None,
                f"< {ADMIN_TARGET * 1000:g} ms, ≤ {ADMIN_MAX_QUERIES} queries",
                seconds < ADMIN_TARGET and len(m.queries) <= ADMIN_MAX_QUERIES,
            )
        )
    return rows, measured
