"""Cache hits and latency of public pages while staff keep saving (issue 17, the write stream).

`python -m bench.write_stream` (or `python -m bench.run --only writes`) on the PostgreSQL
database of BENCH_DATABASE_URL — the city bench data or the province's; the cities, their
counties and the records are read from the database, nothing is named here:

1. The regions are split in two: cities where records are saved and cities whose pages are
   read (in a database of one city, its counties are split instead, and the report says so).
   The pages read are each reading region's lists (honours and families of every year and
   of the last three, two pages deep; programs), its report of this year and the last and
   its region page; and the first page of each list and the report of its counties.
2. gunicorn with production settings (bench.settings) and Redis as production has it, the
   cache emptied first; every page read once, so the stream starts from a warm cache.
3. The reference: wrk reads the pages for REFERENCE_SECONDS with nobody writing.
4. The measurement: one admin save a second — a staff account logs in over HTTP, opens the
   change page of an honour, a family or an activity of a writing county (in turn, over every
   writing city's counties) and posts the form back with one field changed, as a browser
   would (the admin's save_model → the app's service) — while `wrk -c32 -d30s` reads the
   pages round-robin (a Lua script), counting the X-Page-Cache header of each answer.

Reports the share of answers served from the cache and the p95 latency, beside the
reference; targets: ≥ 80 % hits and p95 ≤ 25 ms. The records saved keep the field changed
(the next run changes it back). Needs wrk (Debian's package).
"""

import argparse
import datetime
import os
import random
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

from bench.admin_writer import Browser, save, staff_password
from bench.common import (
    HOST,
    PROXY_HEADERS,
    WORK,
    Gunicorn,
    Row,
    fetch,
    log,
    median,
    ms,
    p95,
)

CONNECTIONS = 32
SECONDS = 30
REFERENCE_SECONDS = 10
SAVES_PER_SECOND = 1
WORKERS = 2  # the "two workers" on this 2-core machine
HIT_TARGET = 0.80
P95_TARGET = 0.025
RECORDS_PER_COUNTY = 4


@dataclass
class Plan:
    """What is written and what is read."""

    split: str  # "cities" or "counties of one city"
    writing: list[str]  # region names
    reading: list[str]
    saves: list[tuple[str, int]]  # (admin URL of a change page, record id), in turn
    urls: list[str]


def plan(seed: int = 17) -> Plan:
    """Regions, records and URLs from the database (Django is set up)."""
    from core.models import Region
    from families.models import Family
    from honors.models import Honor
    from programs.models import Activity
    from reports.services import latest_report_year

    cities = list(Region.objects.filter(level=Region.Level.CITY).order_by("code"))
    if len(cities) >= 2:
        split = "cities"
        half = len(cities) // 2
        writing, reading = cities[:half], cities[half:]
    else:
        split = "counties of one city"
        counties = list(Region.objects.filter(parent__in=cities).order_by("code"))
        writing, reading = counties[::2], counties[1::2]
    year = latest_report_year() or datetime.date.today().year
    rng = random.Random(seed)

    def counties_of(regions):
        below = Region.objects.filter(parent__in=regions).exclude(level=Region.Level.TOWN)
        return list(below.order_by("code")) if split == "cities" else list(regions)

    # Saves go round the writing counties, one record each, an honour, a family, an activity.
    per_county = []
    for county in counties_of(writing):
        kinds = []
        for model in (Honor, Family, Activity):
            ids = list(
                model.objects.in_region(county).order_by("pk").values_list("pk", flat=True)[:200]
            )
            rng.shuffle(ids)
            kinds.append([(model._meta.label_lower, pk) for pk in ids[:RECORDS_PER_COUNTY]])
        # An honour, a family, an activity, then the next of each.
        per_county.append([record for turn in zip(*kinds, strict=False) for record in turn])
    saves = []
    for turn in range(max((len(r) for r in per_county), default=0)):
        saves += [records[turn] for records in per_county if turn < len(records)]
    urls = []
    for region in reading:
        urls += region_urls(region.code, year, whole=True)
        if split == "cities":
            for county in counties_of([region]):
                urls += region_urls(county.code, year, whole=False)
    return Plan(
        split,
        [region.name for region in writing],
        [region.name for region in reading],
        [(f"/admin/{label.replace('.', '/')}/{pk}/change/", pk) for label, pk in saves],
        urls,
    )


def region_urls(code: str, year: int | None, *, whole: bool) -> list[str]:
    """The list and report pages of one region: for a region read whole, as visitors read
    it (each list of every year and of the last three, two pages deep, the report of this
    year and the last, the region's page); for its counties, the first page of each."""
    if not whole:
        return [f"/honors/?region={code}", f"/families/?region={code}", f"/reports/{year}/{code}/"]
    urls = [f"/programs/?region={code}", f"/regions/{code}/"]
    urls += [f"/reports/{shown}/{code}/" for shown in (year, year - 1)]
    for listed in ("honors", "families"):
        for shown in ("", year, year - 1, year - 2):
            query = f"region={code}" + (f"&year={shown}" if shown else "")
            urls += [f"/{listed}/?{query}", f"/{listed}/?{query}&page=2"]
    return urls


# ---------------------------------------------------------------- the writer


@dataclass
class Writes:
    seconds: list[float] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def write_stream(port: int, password: str, saves, stop: threading.Event, writes: Writes):
    """One save a second (SAVES_PER_SECOND), in turn over `saves`, until `stop`."""
    browser = Browser(port)
    browser.log_in(password)
    started = time.monotonic()
    for number, (path, _pk) in enumerate(_cycle(saves)):
        if stop.is_set():
            return
        begun = time.perf_counter()
        try:
            save(browser, path)
            writes.seconds.append(time.perf_counter() - begun)
        except (OSError, RuntimeError) as error:
            writes.failed.append(str(error)[:300])
        stop.wait(max(0.0, started + (number + 1) / SAVES_PER_SECOND - time.monotonic()))


def _cycle(items):
    while items:
        yield from items


# ---------------------------------------------------------------- the readers


LUA = """
local urls = {%(urls)s}
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  hits, misses, uncached, errors = 0, 0, 0, 0
  position = (id * 7919) %% #urls
end

function request()
  position = position %% #urls + 1
  return wrk.format("GET", urls[position])
end

function response(status, headers, body)
  local state = headers["X-Page-Cache"] or headers["x-page-cache"]
  if status ~= 200 then errors = errors + 1
  elseif state == "hit" then hits = hits + 1
  elseif state == "miss" then misses = misses + 1
  else uncached = uncached + 1 end
end

function done(summary, latency, requests)
  local h, m, u, e = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    h = h + t:get("hits"); m = m + t:get("misses")
    u = u + t:get("uncached"); e = e + t:get("errors")
  end
  io.write(string.format(
    "RESULT hits=%%d misses=%%d uncached=%%d errors=%%d requests=%%d p50=%%d p95=%%d p99=%%d\\n",
    h, m, u, e, summary.requests, latency:percentile(50), latency:percentile(95),
    latency:percentile(99)))
end
"""


def lua_script(urls: list[str]) -> str:
    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / "write_stream.lua"
    quoted = ", ".join('"' + url.replace("\\", "\\\\").replace('"', '\\"') + '"' for url in urls)
    path.write_text(LUA % {"urls": quoted}, encoding="utf-8")
    return str(path)


def wrk(server: Gunicorn, script: str, seconds: int) -> dict:
    # The Host the warm-up sent (no port): the page cache's key holds it.
    sent = {"Host": HOST, **PROXY_HEADERS}
    headers = [arg for k, v in sent.items() for arg in ("--header", f"{k}: {v}")]
    output = subprocess.run(
        ["wrk", "--threads", "2", "--connections", str(CONNECTIONS), "--duration",
         f"{seconds}s", "--timeout", "10s", "--script", script, *headers, server.url("/")],
        capture_output=True, text=True, timeout=seconds + 60, check=True,
    ).stdout  # fmt: skip
    found = dict(re.findall(r"(\w+)=(\d+)", re.search(r"^RESULT .*$", output, re.M)[0]))
    result = {key: int(value) for key, value in found.items()}
    answered = result["hits"] + result["misses"] + result["uncached"]
    result["hit_rate"] = result["hits"] / answered if answered else 0.0
    result["rps"] = float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])
    return result


def warm_up(server: Gunicorn, urls: list[str]) -> list[str]:
    """Each page once (so the stream starts from a warm cache); returns those that did not
    answer 200, with their status."""
    bad = []
    for url in urls:
        fetched = fetch(server.port, url, timeout=120)
        if fetched.status != 200:
            bad.append(f"{url} {fetched.status}")
    return bad


# ---------------------------------------------------------------- the whole


def describe(result: dict) -> str:
    return (
        f"{result['hit_rate']:.1%} hits ({result['hits']:,} of {result['requests']:,};"
        f" {result['misses']:,} rendered), p95 {result['p95'] / 1000:.1f} ms"
        f" (p50 {result['p50'] / 1000:.1f} ms), {result['rps']:.0f} req/s"
    )


def run(seconds: int = SECONDS, workers: int = WORKERS) -> list[Row]:
    from django.core.cache import cache
    from django.core.management import call_command

    cache.clear()  # the bench's own Redis database
    call_command("collectstatic", interactive=False, verbosity=0)  # production's manifest
    the_plan = plan()
    if not the_plan.saves or not the_plan.urls:
        raise SystemExit("write_stream: no records to save or no pages to read in this database")
    password = staff_password()
    log(
        f"writes: saving in {len(the_plan.writing)} regions ({the_plan.split}), reading"
        f" {len(the_plan.urls)} pages of {len(the_plan.reading)} others"
    )
    with Gunicorn(settings="bench.settings", workers=workers, name="write-stream") as server:
        bad = warm_up(server, the_plan.urls)
        if bad:  # a second page of a short list, say
            log(f"writes: {len(bad)} pages left out, not 200: {bad[:3]}")
        the_plan.urls = [url for url in the_plan.urls if url not in {b.split()[0] for b in bad}]
        script = lua_script(the_plan.urls)
        log(f"writes: reference, {REFERENCE_SECONDS} s of reads without writes")
        reference = wrk(server, script, REFERENCE_SECONDS)
        log(f"  {describe(reference)}")
        stop, writes = threading.Event(), Writes()
        writer = threading.Thread(
            target=write_stream, args=(server.port, password, the_plan.saves, stop, writes)
        )
        writer.start()
        time.sleep(2)  # the first saves are in
        log(f"writes: {seconds} s of reads at c={CONNECTIONS}, {SAVES_PER_SECOND} save/s")
        try:
            measured = wrk(server, script, seconds)
        finally:
            stop.set()
            writer.join(timeout=120)
        log(f"  {describe(measured)}")
        log(f"  {len(writes.seconds)} saves, {len(writes.failed)} failed")
    notes = [
        f"{len(writes.seconds)} admin saves over HTTP ({len(writes.failed)} failed), median"
        f" {ms(median(writes.seconds)) if writes.seconds else '—'}, p95"
        f" {ms(p95(writes.seconds)) if writes.seconds else '—'}; saved in"
        f" {', '.join(the_plan.writing)}; read {len(the_plan.urls)} pages of"
        f" {', '.join(the_plan.reading)} ({the_plan.split})",
        *[f"failed save: {message}" for message in writes.failed[:3]],
    ]
    section = (
        f"Write stream (gunicorn {workers} workers, wrk c={CONNECTIONS} {seconds} s,"
        f" {SAVES_PER_SECOND} admin save/s in other regions)"
    )
    hit_met = measured["hit_rate"] >= HIT_TARGET and not writes.failed and writes.seconds
    return [
        Row(
            section,
            "cache hits while staff save",
            f"{measured['hit_rate']:.1%} ({measured['hits']:,} of {measured['requests']:,})",
            f"no writes: {reference['hit_rate']:.1%} ({reference['hits']:,} of"
            f" {reference['requests']:,})",
            measured["hit_rate"] / reference["hit_rate"] if reference["hit_rate"] else None,
            f"≥ {HIT_TARGET:.0%}",
            bool(hit_met),
            notes,
        ),
        Row(
            section,
            "p95 latency while staff save",
            f"{measured['p95'] / 1000:.1f} ms (p50 {measured['p50'] / 1000:.1f} ms,"
            f" {measured['rps']:.0f} req/s, {measured['errors']} errors)",
            f"no writes: {reference['p95'] / 1000:.1f} ms ({reference['rps']:.0f} req/s)",
            measured["p95"] / reference["p95"] if reference["p95"] else None,
            f"≤ {P95_TARGET * 1000:.0f} ms",
            measured["p95"] / 1e6 <= P95_TARGET and measured["errors"] == 0,
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=SECONDS)
    parser.add_argument("--workers", type=int, default=WORKERS, help="gunicorn workers")
    options = parser.parse_args()
    from bench.run import configure_django, print_table

    configure_django()
    rows = run(options.seconds, options.workers)
    print_table(rows)
    return 0 if all(row.met for row in rows) else 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
