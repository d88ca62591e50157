"""`make bench`: the issue 7 benchmarks on PostgreSQL, each measurement beside its reference.

1. Set up the bench database (default fulian_bench on 127.0.0.1; BENCH_DATABASE_URL
   overrides): create it, migrate, load_demo and generate_bulk — unless it holds the
   bulk data already, which keeps repeated runs short — then VACUUM ANALYZE.
2. Measure: exports through gunicorn vs COPY TO, list pages and the admin changelist in
   process vs EXPLAIN ANALYZE, throughput under load vs a bare view, imports vs COPY FROM.
3. Print the table and write bench/results.md (date, machine, commit, data, table, plans).

`python -m bench.run --only exports,lists` runs some parts (admin, exports, imports,
lists, load, certificates, and `writes`, which only runs when asked for: issue 17's write
stream, bench/write_stream.py); a partial run writes bench/results-partial.md instead.
"""

import argparse
import datetime
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from bench.common import DATABASE_URL, ROOT, SERVER_ENV, Row, database_name, log, pg_connect

PARTS = ["exports", "lists", "admin", "load", "imports", "certificates"]
OPTIONAL_PARTS = ["writes"]
FAMILIES_WANTED = 200_000


def configure_django() -> None:
    os.environ.update(SERVER_ENV)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.cache import cache

    cache.clear()  # the bench's own Redis database: nothing cached from an earlier run


def set_up_database() -> str:
    """Create, migrate and fill the bench database as needed; say what was done."""
    from django.core.management import call_command

    from demo.bulk.context import bulk_marker_exists

    started = time.perf_counter()
    name = database_name()
    with pg_connect("postgres") as connection:
        if not connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone():
            log(f"setup: creating database {name}")
            connection.execute(f'CREATE DATABASE "{name}"')
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    with pg_connect() as connection:
        # The benchmark's own notes in its database: when and how fast the data was made.
        connection.execute(
            "CREATE TABLE IF NOT EXISTS bench_meta (key text PRIMARY KEY, value text NOT NULL)"
        )
    if bulk_marker_exists():
        done = "reused the bulk data already there"
    else:
        log("setup: load_demo and generate_bulk (the first run takes a few minutes)")
        call_command("load_demo", verbosity=0)
        generate_started = time.perf_counter()
        call_command("generate_bulk", stdout=sys.stderr, stderr=sys.stderr)
        seconds = time.perf_counter() - generate_started
        with pg_connect() as connection:
            connection.execute(
                "INSERT INTO bench_meta VALUES ('generate_bulk', %s)"
                " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                [f"{seconds:.0f} s on {datetime.date.today():%Y-%m-%d}, default sizes"],
            )
        done = "generated the bulk data"
    with pg_connect() as connection:
        connection.execute("VACUUM ANALYZE")
        row = connection.execute(
            "SELECT value FROM bench_meta WHERE key = 'generate_bulk'"
        ).fetchone()
    generated = f" (generate_bulk took {row[0]})" if row else ""
    return f"{done}{generated}; set-up took {time.perf_counter() - started:.0f} s"


def data_sizes() -> dict[str, int]:
    sizes = {}
    with pg_connect() as connection:
        for label, sql in [
            ("regions", "SELECT count(*) FROM core_region"),
            ("villages", "SELECT count(*) FROM core_region WHERE level = 'village'"),
            ("families", "SELECT count(*) FROM families_family"),
            (
                "families conferred",
                "SELECT count(*) FROM families_family WHERE status = 'conferred'",
            ),
            ("honours", "SELECT count(*) FROM honors_honor"),
            ("honours conferred", "SELECT count(*) FROM honors_honor WHERE status = 'conferred'"),
            ("recipients", "SELECT count(*) FROM honors_recipient"),
            ("activities", "SELECT count(*) FROM programs_activity"),
        ]:
            sizes[label] = connection.execute(sql).fetchone()[0]
    return sizes


def command_output(*command: str) -> str:
    try:
        return subprocess.run(
            command, capture_output=True, text=True, timeout=30, cwd=ROOT
        ).stdout.strip()
    except OSError:
        return "?"


def machine() -> dict[str, str]:
    memory = "?"
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    with pg_connect() as connection:
        postgres = connection.execute("SHOW server_version").fetchone()[0]
    commit = command_output("git", "rev-parse", "--short", "HEAD")
    # The results file itself is rewritten by every run: not a change to what is measured.
    dirty = command_output(
        "git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench/results.md"
    )
    wrk = command_output("sh", "-c", "wrk --version 2>&1 | head -1")
    return {
        "cores": str(os.cpu_count()),
        "cpu": cpu,
        "memory": memory,
        "python": platform.python_version(),
        "postgresql": postgres,
        "django": __import__("django").get_version(),
        "gunicorn": command_output(str(Path(sys.executable).parent / "gunicorn"), "--version"),
        "wrk": wrk.split(" Copyright")[0] if wrk else "not installed (Python load generator)",
        "commit": commit + (" (with uncommitted changes to tracked files)" if dirty else ""),
    }


def fmt_ratio(ratio: float | None) -> str:
    return "" if ratio is None else f"{ratio:.2f}×"


def table_lines(rows: list[Row]) -> list[str]:
    lines = []
    section = None
    for row in rows:
        if row.section != section:
            section = row.section
            lines += ["", f"### {section}", ""]
            lines += [
                "| measurement | measured | reference | ratio | target | verdict |",
                "| --- | --- | --- | --- | --- | --- |",
            ]
        cells = [row.name, row.measured, row.reference, fmt_ratio(row.ratio), row.target]
        cells = [str(cell).replace("|", "\\|") for cell in cells]
        lines.append("| " + " | ".join(cells) + f" | {row.verdict} |")
        for note in row.notes:
            lines.append(f"| ↳ {note} | | | | | |")
    return lines


def plan_lines(measured: list) -> list[str]:
    """EXPLAIN ANALYZE of the slowest query of the pages that took longest in SQL."""
    from django.db import connection

    lines = []
    slowest = sorted(measured, key=lambda m: m.slowest_sql[0], reverse=True)[:4]
    for m in slowest:
        seconds, sql = m.slowest_sql
        if not sql:
            continue
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
        lines += [
            "",
            f"#### {m.url} — slowest query {seconds * 1000:.1f} ms",
            "",
            "```sql",
            sql if len(sql) < 3000 else sql[:3000] + " …",
            "```",
            "",
            "```",
            plan,
            "```",
        ]
    return lines


def report(rows, measured, info, sizes, setup_note, elapsed, partial: bool) -> Path:
    met = sum(1 for row in rows if row.met)
    judged = sum(1 for row in rows if row.met is not None)
    now = datetime.datetime.now().astimezone()
    lines = [
        "# Benchmarks (issue 7)",
        "",
        f"Run on {now:%Y-%m-%d %H:%M %Z} by `make bench` (bench/run.py) in {elapsed / 60:.1f} min;"
        f" {setup_note}.",
        "",
        "| machine | |",
        "| --- | --- |",
        *(f"| {key} | {value} |" for key, value in info.items()),
        f"| database | {DATABASE_URL} |",
        "",
        "Data: " + ", ".join(f"{value:,} {key}" for key, value in sizes.items()) + ".",
        "",
        f"**{met} of {judged} targets met.** Each measurement stands beside its reference from"
        " the same run; the ratio is measured ÷ reference.",
        *table_lines(rows),
        "",
        "## How each figure is taken",
        "",
        "- Exports: a fresh single-worker gunicorn (`config.wsgi`, `config.settings.production`,"
        " `--timeout 300`) per export, one warm-up request that reads no rows, then the export"
        " read to the last byte over 127.0.0.1. Peak memory is the worker's VmHWM from"
        " /proc after the export. COPY: `COPY (SELECT the public columns joined to title and"
        " region, same filter and order) TO STDOUT (FORMAT csv)` through psycopg, median of 3.",
        "- Imports: `manage.py import_honors FILE` as a process (start-up included, shown"
        " beside it) on a file of 50,000 new honours; the rows it adds (and their history"
        " rows) are deleted afterwards."
        " COPY FROM loads exactly the rows the import wrote (recipients, then honours) into"
        " scratch tables made `LIKE … INCLUDING ALL` with the same foreign keys, already"
        " holding the real tables' rows; median of 3.",
        "- List pages and admin: Django's test Client in process (no network), DEBUG off,"
        " 3 warm-up requests then 30 (admin 15) timed; query count from CaptureQueriesContext."
        " Reference: every SELECT of one request re-run under EXPLAIN ANALYZE, execution"
        " times added. *Cached*: with Redis as production has it, a repeat visit (the page"
        " from the cache). *Rendered, no cache*: `PUBLIC_CACHE_SECONDS=0`, every request"
        " rendered with its COUNT and filter choices — what the first request after a write"
        " costs. The admin's COUNT and year filter are cached per data version (Redis).",
        "- Throughput: gunicorn `bench.settings` (production + `/bench-bare/`), wrk with 2"
        " threads and 16 connections, 3 s warm-up then 10 s per URL; the bare view before and"
        " after the lists, the better run as reference; the load generator shares the 2 cores"
        " with the server. Requests carry `X-Forwarded-Proto: https` as nginx's would.",
        "- Certificates: `python -m bench.certificates N FILE` as a child process prints the"
        " first N certificates of the year with most conferred honours (repeated as needed)"
        " through the code of `print_certificates`; time inside the child, peak RSS from"
        " wait4's ru_maxrss; the reference is the same for 100.",
        "",
        "## Query plans of the slowest list and admin queries",
        *plan_lines(measured),
        "",
    ]
    path = ROOT / "bench" / ("results-partial.md" if partial else "results.md")
    path.write_text("\n".join(lines) + province_section(path), encoding="utf-8")
    return path


def province_section(path: Path) -> str:
    """The province's section of the file (bench/province.py), kept when the city's is
    rewritten."""
    from bench.province import PROVINCE_BEGIN, PROVINCE_END

    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if PROVINCE_BEGIN not in text:
        return ""
    kept = PROVINCE_BEGIN + text.split(PROVINCE_BEGIN, 1)[1].split(PROVINCE_END, 1)[0]
    return "\n" + kept + PROVINCE_END + "\n"


def print_table(rows: list[Row]) -> None:
    if not rows:
        return
    width = max(len(row.name) for row in rows)
    section = None
    for row in rows:
        if row.section != section:
            section = row.section
            print(f"\n{section}")
        print(
            f"  {row.name:<{width}}  {row.measured}\n"
            f"  {'':<{width}}  vs {row.reference}  = {fmt_ratio(row.ratio)}"
            f"  target {row.target}: {row.verdict.strip('*')}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(PARTS), help="comma-separated parts")
    parts = [part for part in parser.parse_args().only.split(",") if part]
    unknown = set(parts) - set(PARTS) - set(OPTIONAL_PARTS)
    if unknown:
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")
    started = time.perf_counter()
    configure_django()
    setup_note = set_up_database()
    log(f"setup: {setup_note}")

    from bench import certificates, exports, imports, load, pages, write_stream

    rows: list[Row] = []
    measured: list = []
    if "exports" in parts:
        rows += exports.run()
    if "lists" in parts:
        list_rows, list_measured = pages.run_lists()
        rows += list_rows
        measured += list_measured
    if "admin" in parts:
        admin_rows, admin_measured = pages.run_admin()
        rows += admin_rows
        measured += admin_measured
    if "load" in parts:
        rows += load.run()
    if "imports" in parts:
        rows += imports.run()
    if "certificates" in parts:
        rows += certificates.run()
    if "writes" in parts:
        rows += write_stream.run()
    elapsed = time.perf_counter() - started
    path = report(
        rows,
        measured,
        machine(),
        data_sizes(),
        setup_note,
        elapsed,
        partial=not set(PARTS) <= set(parts),
    )
    print_table(rows)
    met = sum(1 for row in rows if row.met)
    judged = sum(1 for row in rows if row.met is not None)
    print(f"\n{met} of {judged} targets met; written to {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
