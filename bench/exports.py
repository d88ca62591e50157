"""The public family exports through gunicorn, beside PostgreSQL's COPY of the same rows."""

import time

from bench.common import (
    Fetched,
    Gunicorn,
    Row,
    fetch,
    log,
    median,
    mib,
    pg_connect,
    proc_status_kib,
    secs,
)

CSV_TARGET = 2.0
XLSX_TARGET = 10.0
MEMORY_TARGET = 1.2


def _labels(column: str, choices) -> str:
    """A CASE turning a stored choice into its label, as the export's get_*_display does."""
    whens = " ".join(
        "WHEN '{}' THEN '{}'".format(key, str(label).replace("'", "''")) for key, label in choices
    )
    return f"CASE {column} {whens} ELSE '' END"


def copy_sql(where: str = "") -> str:
    """The public export's columns, rows and order as one SELECT (families/tabular.py)."""
    from core.models import Level, Status
    from families.models import FamilyType, Tier

    return f"""
        SELECT f.year, t.name, {_labels("f.level", Level.choices)},
               {_labels("f.tier", Tier.choices)}, {_labels("f.family_type", FamilyType.choices)},
               f.name, f.members, r.code, r.name, f.conferring_body, f.story
        FROM families_family f
        JOIN families_familytitle t ON t.id = f.title_id
        JOIN core_region r ON r.id = f.region_id
        WHERE f.status = '{Status.CONFERRED}' {where}
        ORDER BY t.rank, f.stroke_key, f.year DESC, f.id
    """


def time_copy(sql: str, runs: int = 3) -> tuple[float, int, int]:
    """Median seconds of COPY (sql) TO STDOUT as CSV, read to the end; bytes and lines."""
    timings = []
    size = lines = 0
    with pg_connect() as connection, connection.cursor() as cursor:
        for _ in range(runs):
            started = time.perf_counter()
            size = lines = 0
            with cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv, HEADER)") as copy:
                for data in copy:
                    size += len(data)
                    lines += bytes(data).count(b"\n")
            timings.append(time.perf_counter() - started)
    return median(timings), size, lines


def small_region() -> tuple[str, str, int]:
    """The town whose public families are nearest 2,000: (code, name, rows)."""
    with pg_connect() as connection:
        code, name, rows = connection.execute(
            """
            SELECT t.code, t.name, count(*)
            FROM families_family f
            JOIN core_region r ON r.id = f.region_id
            JOIN core_region t ON t.code = split_part(r.path, '/', 3) AND t.level = 'town'
            WHERE f.status = 'conferred'
            GROUP BY t.code, t.name
            ORDER BY abs(count(*) - 2000), t.code
            LIMIT 1
            """
        ).fetchone()
    return code, name, rows


def export_in_fresh_worker(path: str, name: str) -> tuple[Fetched, int, int]:
    """One export from a freshly started single-worker gunicorn: the response, RSS before
    the export (after a warm-up request) and the worker's peak RSS (VmHWM) after it."""
    with Gunicorn(settings="config.settings.production", workers=1, name=name) as server:
        (worker,) = server.worker_pids()
        # Warm-up: loads the URLconf, the view and a database connection (an invalid filter
        # answers 400 without reading any rows).
        fetch(server.port, "/families/export.csv?region=000000")
        before = proc_status_kib(worker, "VmRSS")
        fetched = fetch(server.port, path)
        peak = proc_status_kib(worker, "VmHWM")
    if fetched.status != 200:
        raise RuntimeError(f"{path} answered {fetched.status}; see the gunicorn log")
    return fetched, before, peak


def run() -> list[Row]:
    rows: list[Row] = []
    log("exports: COPY reference")
    copy_seconds, copy_bytes, copy_lines = time_copy(copy_sql())
    copy_rows = copy_lines - 1
    log(f"  COPY {copy_rows} rows, {copy_bytes / 1e6:.1f} MB in {copy_seconds:.2f} s")

    log("exports: /families/export.csv through gunicorn")
    csv, csv_before, csv_peak = export_in_fresh_worker("/families/export.csv", "export-csv")
    csv_rows = csv.lines - 1
    log(f"  CSV {csv_rows} rows, {csv.size / 1e6:.1f} MB in {csv.seconds:.2f} s")
    ratio = csv.seconds / copy_seconds
    rows.append(
        Row(
            "Exports (gunicorn, 1 sync worker)",
            f"CSV /families/export.csv, {csv_rows:,} rows",
            f"{secs(csv.seconds)} (first byte {secs(csv.first_byte)}; {csv.size / 1e6:.0f} MB)",
            f"COPY TO {secs(copy_seconds)} ({copy_rows:,} rows, {copy_bytes / 1e6:.0f} MB)",
            ratio,
            f"≤ {CSV_TARGET:g}× COPY",
            ratio <= CSV_TARGET and csv_rows == copy_rows,
            [f"CSV export worker RSS {mib(csv_before)} before, peak {mib(csv_peak)}"],
        )
    )

    log("exports: /families/export.xlsx through gunicorn (200,000 rows)")
    xlsx, big_before, big_peak = export_in_fresh_worker("/families/export.xlsx", "export-xlsx")
    log(f"  XLSX {xlsx.size / 1e6:.1f} MB in {xlsx.seconds:.2f} s, peak RSS {mib(big_peak)}")
    ratio = xlsx.seconds / copy_seconds
    rows.append(
        Row(
            "Exports (gunicorn, 1 sync worker)",
            f"XLSX /families/export.xlsx, {copy_rows:,} rows",
            f"{secs(xlsx.seconds)} (first byte {secs(xlsx.first_byte)}; {xlsx.size / 1e6:.0f} MB)",
            f"COPY TO {secs(copy_seconds)}",
            ratio,
            f"≤ {XLSX_TARGET:g}× COPY",
            ratio <= XLSX_TARGET and xlsx.head.startswith(b"PK"),
        )
    )

    code, town, small_rows = small_region()
    log(f"exports: /families/export.xlsx?region={code} ({small_rows} rows)")
    small, small_before, small_peak = export_in_fresh_worker(
        f"/families/export.xlsx?region={code}", "export-xlsx-small"
    )
    ratio = big_peak / small_peak
    rows.append(
        Row(
            "Exports (gunicorn, 1 sync worker)",
            f"XLSX peak worker RSS (VmHWM), {copy_rows:,} rows",
            f"{mib(big_peak)} (RSS before the export {mib(big_before)})",
            f"{mib(small_peak)} for {small_rows:,} rows (?region={code} {town}; "
            f"before {mib(small_before)}; {secs(small.seconds)})",
            ratio,
            f"≤ {MEMORY_TARGET:g}× the 2,000-row peak",
            ratio <= MEMORY_TARGET,
        )
    )
    return rows
