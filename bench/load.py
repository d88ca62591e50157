"""Requests per second of two public lists under gunicorn, beside a bare Django view.

gunicorn runs `bench.settings` (production plus /bench-bare/) with 2 × cores + 1
sync workers on 127.0.0.1; the load generator is wrk (Debian's) at concurrency
16 for a bounded time, or a small Python one with the same bounds when wrk is
missing. Both share the machine's cores with the server, for every URL alike.
"""

import http.client
import os
import re
import shutil
import subprocess
import threading
import time

from bench.common import HOST, PROXY_HEADERS, Gunicorn, Row, log

CONNECTIONS = 16
SECONDS = 10
WARMUP_SECONDS = 3
TARGET = 0.25
URLS = ["/honors/?year=2022", "/families/"]
BARE = "/bench-bare/"
MAX_REQUESTS = 1_000_000  # per measurement, a bound besides the time


def wrk(url: str, seconds: int) -> dict:
    output = subprocess.run(
        [
            "wrk",
            "--threads",
            "2",
            "--connections",
            str(CONNECTIONS),
            "--duration",
            f"{seconds}s",
            "--timeout",
            "10s",
            "--latency",
            *[
                arg
                for name, value in PROXY_HEADERS.items()
                for arg in ("--header", f"{name}: {value}")
            ],
            url,
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors:.*timeout (\d+)", output)
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", output, re.MULTILINE))
    return {
        "rps": rps,
        "bad": int(bad[1]) if bad else 0,
        "timeouts": int(errors[1]) if errors else 0,
        "p50": latency.get("50", "?"),
        "p99": latency.get("99", "?"),
        "tool": "wrk",
    }


def python_load(port: int, path: str, seconds: int) -> dict:
    """The fallback: CONNECTIONS threads, each a request loop until the time is up."""
    deadline = time.monotonic() + seconds
    counts, bad, latencies = [0] * CONNECTIONS, [0] * CONNECTIONS, []
    lock = threading.Lock()

    def worker(index: int) -> None:
        while time.monotonic() < deadline and sum(counts) < MAX_REQUESTS:
            started = time.perf_counter()
            connection = http.client.HTTPConnection(HOST, port, timeout=10)
            try:
                connection.request("GET", path, headers=PROXY_HEADERS)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except OSError:
                ok = False
            finally:
                connection.close()
            counts[index] += 1
            bad[index] += 0 if ok else 1
            with lock:
                latencies.append(time.perf_counter() - started)

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 30)
    elapsed = time.monotonic() - started
    latencies.sort()
    return {
        "rps": sum(counts) / elapsed,
        "bad": sum(bad),
        "timeouts": 0,
        "p50": f"{latencies[len(latencies) // 2] * 1000:.1f}ms" if latencies else "?",
        "p99": f"{latencies[int(len(latencies) * 0.99)] * 1000:.1f}ms" if latencies else "?",
        "tool": "python",
    }


def load(server: Gunicorn, path: str) -> dict:
    if shutil.which("wrk"):
        wrk(server.url(path), WARMUP_SECONDS)
        return wrk(server.url(path), SECONDS)
    python_load(server.port, path, WARMUP_SECONDS)
    return python_load(server.port, path, SECONDS)


def run() -> list[Row]:
    workers = 2 * (os.cpu_count() or 1) + 1
    results = {}
    bare_runs = []
    with Gunicorn(settings="bench.settings", workers=workers, name="load") as server:
        # The bare view is measured before and after the lists; the better run is the
        # reference (the stricter one for the target).
        for path in [BARE, *URLS, BARE]:
            log(f"load: {path} for {SECONDS} s at concurrency {CONNECTIONS}")
            result = load(server, path)
            log(
                f"  {result['rps']:.1f} req/s, p50 {result['p50']}, p99 {result['p99']}, "
                f"non-2xx {result['bad']}, timeouts {result['timeouts']}"
            )
            if path == BARE:
                bare_runs.append(result)
            else:
                results[path] = result
    # The same lists with the page cache off: what every request would cost if each were
    # the first after a write (shown beside the cached figures, not judged).
    rendered = {}
    with Gunicorn(
        settings="bench.settings", workers=workers, name="load-nocache", PUBLIC_CACHE_SECONDS="0"
    ) as server:
        for path in URLS:
            log(f"load: {path} with the page cache off")
            rendered[path] = load(server, path)
            log(f"  {rendered[path]['rps']:.1f} req/s, p50 {rendered[path]['p50']}")
    bare = max(bare_runs, key=lambda r: r["rps"])
    bare_note = " / ".join(f"{r['rps']:.0f}" for r in bare_runs)
    rows = []
    for path in URLS:
        r = results[path]
        ratio = r["rps"] / bare["rps"]
        rows.append(
            Row(
                f"Throughput (gunicorn {workers} sync workers, {r['tool']} c={CONNECTIONS}, "
                f"{SECONDS} s)",
                path,
                f"{r['rps']:.1f} req/s (p50 {r['p50']}, p99 {r['p99']})",
                f"bare view {bare['rps']:.1f} req/s (p50 {bare['p50']}; runs before/after "
                f"{bare_note})",
                ratio,
                f"≥ {TARGET:g}× the bare view",
                ratio >= TARGET and r["bad"] == 0 and r["timeouts"] == 0,
                [
                    *(
                        [f"{path}: {r['bad']} non-2xx, {r['timeouts']} timeouts"]
                        if r["bad"] or r["timeouts"]
                        else []
                    ),
                    f"with the page cache off (every request rendered): "
                    f"{rendered[path]['rps']:.1f} req/s, p50 {rendered[path]['p50']}"
                    f" ({rendered[path]['rps'] / bare['rps']:.2f}× the bare view)",
                ],
            )
        )
    return rows
