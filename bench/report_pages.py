"""Queries and time of the report pages, uncached, on whatever database DATABASE_URL names.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fulian .venv/bin/python -m bench.report_pages

Meant for the demo year (`manage.py load_demo`; on PostgreSQL run ANALYZE after loading, or
the planner's empty statistics pick nested loops). Each page is requested once to warm up,
once counting its queries, then `--runs` times for the median and the fastest, through
Django's test Client with DEBUG off and the page cache off. Not part of `make bench`: the
figures it gave are in reports/services.py's docstring.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

PAGES = ["/reports/2022/", "/reports/2022/371602/", "/reports/2022.xlsx", "/reports/2022.docx"]


class QueryCounter:
    """Counts queries as a database wrapper: connection.queries is reset by each request."""

    count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("pages", nargs="*", default=PAGES)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    os.environ.update(
        DEBUG="0", SECRET_KEY="bench-only", ALLOWED_HOSTS="testserver", PUBLIC_CACHE_SECONDS="0"
    )
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    client = Client()
    for url in args.pages:

        def get(url=url):
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
            assert response.status_code == 200, (url, response.status_code)

        get()
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            get()
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            get()
            times.append((time.perf_counter() - started) * 1000)
        print(
            f"{connection.vendor:10} {url:24} {counter.count:4d} queries  "
            f"median {statistics.median(times):6.1f} ms  fastest {min(times):6.1f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
