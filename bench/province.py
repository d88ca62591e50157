"""`make bench-province`: issue 17's targets on a province of 16 cities, on PostgreSQL.

The Makefile builds the province first (`generate_bulk --cities 16` into
BENCH_PROVINCE_DATABASE_URL, passed on as BENCH_DATABASE_URL) when it is not there; this
module measures it, each figure beside a reference from the same run where one exists:

- lists: the public lists rendered with the cache off (what the first request after a write
  costs) — the city bench's four URLs of each list, plus a city and a county filter;
  target ≤ 15 ms median, the query count the same on every page;
- reports: the report page of the province, of one city and of one county, uncached;
  target ≤ 50 ms, one fixed number of queries;
- exports: CSV of one city's families through gunicorn vs COPY of the same rows; ≤ 1.5×;
- imports: 50,000 honours through `import_honors` vs COPY FROM of the same rows; ≤ 6×;
- writes: bench.write_stream — one admin save a second spread over cities while wrk reads
  other cities' pages; ≥ 80% cache hits and p95 ≤ 25 ms.

The figures go to bench/results.md, in a section of its own between PROVINCE_BEGIN and
PROVINCE_END (the city bench keeps the section when it rewrites the file).

    python -m bench.province --only lists,reports
"""

import argparse
import datetime
import sys
import time

from bench.common import DATABASE_URL, ROOT, Row, log, ms, pg_connect, secs

PARTS = ["lists", "reports", "exports", "imports", "writes"]
REPORT_TARGET = 0.050
CSV_TARGET = 1.5
IMPORT_TARGET = 6.0
PROVINCE_BEGIN = "<!-- province: written by python -m bench.province -->"
PROVINCE_END = "<!-- end of province -->"


def sizes() -> dict[str, int]:
    with pg_connect() as connection:
        regions = dict(connection.execute("SELECT level, count(*) FROM core_region GROUP BY level"))
        counted = {
            label: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for label, table in [
                ("families", "families_family"),
                ("honours", "honors_honor"),
                ("recipients", "honors_recipient"),
                ("activities", "programs_activity"),
            ]
        }
    return {**{f"regions ({level})": n for level, n in sorted(regions.items())}, **counted}


def places() -> dict[str, tuple[str, str]]:
    """The regions the bench asks for: the province, the city with most families and a county
    of another city with most families (code, name)."""
    with pg_connect() as connection:
        province = connection.execute(
            "SELECT code, name FROM core_region WHERE parent_id IS NULL ORDER BY code LIMIT 1"
        ).fetchone()
        cities = connection.execute(
            """
            SELECT c.code, c.name, count(*) FROM families_family f
            JOIN core_region r ON r.id = f.region_id
            JOIN core_region c ON c.level = 'city' AND r.path LIKE c.path || '%%'
            GROUP BY c.code, c.name ORDER BY count(*) DESC, c.code
            """
        ).fetchall()
        if len(cities) < 2:
            raise SystemExit("this database holds one city: build the province first")
        city, other = cities[0][:2], cities[1][:2]
        county = connection.execute(
            """
            SELECT k.code, k.name FROM families_family f
            JOIN core_region r ON r.id = f.region_id
            JOIN core_region k ON k.level IN ('county', 'zone') AND r.path LIKE k.path || '%%'
            WHERE k.path LIKE (SELECT path FROM core_region WHERE code = %s) || '%%'
            GROUP BY k.code, k.name ORDER BY count(*) DESC, k.code LIMIT 1
            """,
            [other[0]],
        ).fetchone()
        year = connection.execute("SELECT max(year) FROM families_family").fetchone()[0]
    return {"province": province, "city": city, "county": county, "year": (str(year), "")}


def run_lists(where: dict) -> tuple[list[Row], list]:
    from django.test import Client

    from bench import pages

    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    city, county, year = where["city"][0], where["county"][0], where["year"][0]
    rows, all_measured = [], []
    for list_name in ("honors", "families"):
        section = f"Province: public list /{list_name}/, rendered with the cache off"
        q = pages.common_name(list_name)
        urls = [
            f"/{list_name}/",
            f"/{list_name}/?year={year}&level=city",
            f"/{list_name}/?q={q}",
            f"/{list_name}/?page=500",
            f"/{list_name}/?region={city}",
            f"/{list_name}/?region={county}",
        ]
        log(f"province lists: /{list_name}/ rendered every time")
        measured = [pages.measure(client, url, cached=False) for url in urls]
        all_measured += measured
        rows += [pages.page_row(section, m, "rendered, no cache") for m in measured]
        rows.append(
            pages.query_count_row(
                section,
                "query count on the six pages",
                measured,
                "constant (the same on every page)",
            )
        )
    return rows, all_measured


def run_reports(where: dict) -> tuple[list[Row], list]:
    from django.test import Client

    from bench import pages

    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    year = where["year"][0]
    urls = [
        (f"/reports/{year}/", f"the province, {where['province'][1]}"),
        (f"/reports/{year}/{where['city'][0]}/", f"a city, {where['city'][1]}"),
        (f"/reports/{year}/{where['county'][0]}/", f"a county, {where['county'][1]}"),
    ]
    section = "Province: report pages, uncached"
    rows, measured = [], []
    log("province reports: rendered every time")
    for url, label in urls:
        m = pages.measure(client, url, requests=15, cached=False)
        measured.append(m)
        rows.append(
            Row(
                section,
                f"{url} ({label})",
                f"median {ms(m.median)}, p95 {ms(m.p95)}, {len(m.queries)} queries",
                f"SQL {ms(m.sql_seconds)} (EXPLAIN ANALYZE, slowest {ms(m.slowest_sql[0])})",
                m.median / m.sql_seconds if m.sql_seconds else None,
                f"≤ {REPORT_TARGET * 1000:g} ms",
                m.median <= REPORT_TARGET,
            )
        )
    rows.append(
        pages.query_count_row(
            section, "query count, province / city / county", measured, "fixed (the same for each)"
        )
    )
    return rows, measured


def run_exports(where: dict) -> list[Row]:
    from bench import exports

    code, name = where["city"]
    with pg_connect() as connection:
        path = connection.execute(
            "SELECT path FROM core_region WHERE code = %s", [code]
        ).fetchone()[0]
    log(f"province exports: COPY of {name}'s public families")
    copy_seconds, _size, copy_lines = exports.time_copy(
        exports.copy_sql(f"AND r.path LIKE '{path}%'")
    )
    log(f"province exports: /families/export.csv?region={code} through gunicorn")
    csv, before, peak = exports.export_in_fresh_worker(
        f"/families/export.csv?region={code}", "province-csv"
    )
    ratio = csv.seconds / copy_seconds
    return [
        Row(
            "Province: exports (gunicorn, 1 sync worker)",
            f"CSV /families/export.csv?region={code} ({name}), {csv.lines - 1:,} rows",
            f"{secs(csv.seconds)} (first byte {secs(csv.first_byte)})",
            f"COPY TO {secs(copy_seconds)} ({copy_lines - 1:,} rows)",
            ratio,
            f"≤ {CSV_TARGET:g}× COPY",
            ratio <= CSV_TARGET and csv.lines == copy_lines,
            [f"worker RSS {before // 1024} MiB before, peak {peak // 1024} MiB"],
        )
    ]


def run_imports() -> list[Row]:
    from bench import imports

    rows = imports.run(target=IMPORT_TARGET)
    for row in rows:
        row.section = "Province: " + row.section
    return rows


def run_writes(where: dict) -> list[Row]:
    from bench import write_stream

    rows = write_stream.run()
    for row in rows:
        row.section = "Province: " + row.section
    return rows


def write_results(rows: list[Row], measured: list, data: dict, elapsed: float, parts) -> None:
    from bench.run import machine, plan_lines, table_lines

    met = sum(1 for row in rows if row.met)
    judged = sum(1 for row in rows if row.met is not None)
    now = datetime.datetime.now().astimezone()
    info = machine()
    section = [
        PROVINCE_BEGIN,
        "",
        "## Province (issue 17): `make bench-province`",
        "",
        f"Run on {now:%Y-%m-%d %H:%M %Z} in {elapsed / 60:.1f} min at commit {info['commit']},"
        f" {info['cores']} cores ({info['cpu']}), PostgreSQL {info['postgresql']}; parts:"
        f" {', '.join(parts)}. Database {DATABASE_URL}.",
        "",
        "Data: " + ", ".join(f"{value:,} {key}" for key, value in data.items()) + ".",
        "",
        f"**{met} of {judged} province targets met.**",
        *table_lines(rows),
        "",
        "### Query plans of the slowest province queries",
        *plan_lines(measured),
        "",
        PROVINCE_END,
    ]
    path = ROOT / "bench" / "results.md"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if PROVINCE_BEGIN in text:
        head, rest = text.split(PROVINCE_BEGIN, 1)
        tail = rest.split(PROVINCE_END, 1)[1] if PROVINCE_END in rest else ""
        text = head.rstrip("\n") + "\n\n" + "\n".join(section) + tail
    else:
        text = text.rstrip("\n") + "\n\n" + "\n".join(section) + "\n"
    path.write_text(text, encoding="utf-8")


def run(parts: list[str]) -> int:
    from bench.run import configure_django, print_table

    started = time.perf_counter()
    configure_django()
    data = sizes()
    log("province: " + ", ".join(f"{value:,} {key}" for key, value in data.items()))
    where = places()
    log(f"province: measuring at {where}")
    rows: list[Row] = []
    measured: list = []
    if "lists" in parts:
        list_rows, list_measured = run_lists(where)
        rows += list_rows
        measured += list_measured
    if "reports" in parts:
        report_rows, report_measured = run_reports(where)
        rows += report_rows
        measured += report_measured
    if "exports" in parts:
        rows += run_exports(where)
    if "imports" in parts:
        rows += run_imports()
    if "writes" in parts:
        rows += run_writes(where)
    write_results(rows, measured, data, time.perf_counter() - started, parts)
    print_table(rows)
    met = sum(1 for row in rows if row.met)
    judged = sum(1 for row in rows if row.met is not None)
    print(f"\n{met} of {judged} province targets met; written to bench/results.md")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(PARTS), help="comma-separated parts")
    parts = [part for part in parser.parse_args().only.split(",") if part]
    unknown = set(parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")
    return run(parts)


if __name__ == "__main__":
    sys.exit(main())
