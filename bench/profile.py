"""Profile one URL in process against the bench database, with pyinstrument.

    .venv/bin/python -m bench.profile /families/export.csv [--admin] [--html FILE]

The request runs through Django's test Client with the benchmark's settings
(production, DEBUG off), a streamed body is read to the end, and pyinstrument's
call tree is printed (or written as HTML). `--admin` logs in as the benchmark's
superuser first. Used to find the cause of a missed target in bench/results.md.
"""

import argparse
import sys
import time

from bench.run import configure_django


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--admin", action="store_true", help="as the bench superuser")
    parser.add_argument("--html", help="write pyinstrument's HTML page here")
    parser.add_argument("--warmup", type=int, default=1, help="requests before the profiled one")
    parser.add_argument("--interval", type=float, default=0.001, help="sampling interval, s")
    args = parser.parse_args()
    configure_django()

    from django.test import Client
    from pyinstrument import Profiler

    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    if args.admin:
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.get(username="bench-admin")
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")

    def get():
        response = client.get(args.url)
        size = 0
        if response.streaming:
            for chunk in response.streaming_content:
                size += len(chunk)
        else:
            size = len(response.content)
        response.close()
        return response.status_code, size

    for _ in range(args.warmup):
        get()
    profiler = Profiler(interval=args.interval)
    started = time.perf_counter()
    profiler.start()
    status, size = get()
    profiler.stop()
    seconds = time.perf_counter() - started
    print(f"{args.url}: {status}, {size:,} bytes in {seconds:.3f} s", file=sys.stderr)
    if args.html:
        with open(args.html, "w", encoding="utf-8") as handle:
            handle.write(profiler.output_html())
    else:
        print(profiler.output_text(unicode=True, color=False, show_all=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
