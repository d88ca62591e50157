"""Importing 50,000 honours through `manage.py import_honors` (the admin's engine), beside
PostgreSQL's COPY FROM of the very rows the import wrote, into scratch tables of the same shape.

The file holds new honours (new recipients with unused ID numbers, some of them
honoured more than once in the file) in the staff export's columns, status
submitted (the furthest an import may take a new record). After each import the
rows it added are deleted again, so repeated runs leave the bench database as
they found it.
"""

import csv
import subprocess
import time
from pathlib import Path

from bench.common import BIN, ROOT, WORK, Row, env, log, median, pg_connect, secs

ROWS = 50_000
TARGET = 8.0
SEED = 9001


def write_files(count: int = ROWS) -> tuple[Path, Path]:
    """A CSV and an XLSX file of the same `count` new honours, in the staff export's columns."""
    from core.models import Status
    from core.tabular import headers, rows_for, staff_columns, write_xlsx
    from demo.bulk.context import BulkContext
    from demo.bulk.honors import _HonorMaker
    from honors.tabular import COLUMNS

    WORK.mkdir(parents=True, exist_ok=True)
    csv_path, xlsx_path = WORK / f"honors-{count}.csv", WORK / f"honors-{count}.xlsx"
    context = BulkContext(seed=SEED, years=list(range(2010, 2026)), sizes={})
    maker = _HonorMaker(context)
    honors, identities = [], set()
    while len(honors) < count:
        _recipients, chunk = maker.chunk(2000)
        for honor in chunk:
            # A file names a recipient by name: two rows of one name, title, level and year
            # would be one record twice (the importer refuses such a file).
            identity = (honor.year, honor.title_id, honor.level, honor.recipient.name)
            if identity in identities or len(honors) == count:
                continue
            identities.add(identity)
            # What an import may enter (core.tabular.importer.IMPORTABLE_STATUSES): a notice
            # and conferring are the workflow's steps, so the file carries neither.
            honor.status = Status.SUBMITTED
            honor.notice_start = honor.notice_end = None
            honor.objection_contact = ""
            honor.revoked_reason = ""
            honors.append(honor)
    columns = staff_columns(COLUMNS, with_private=True)
    rows = list(rows_for(honors, columns))
    with csv_path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers(columns))
        writer.writerows(["" if value is None else value for value in row] for row in rows)
    with xlsx_path.open("wb") as handle:
        write_xlsx(rows, columns, [("说明", "bench")], handle)
    return csv_path, xlsx_path


def history_marks() -> dict[str, int]:
    """The last history row of each honours history table (django-simple-history), if any."""
    with pg_connect() as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                " AND tablename LIKE 'honors\\_historical%'"
            )
        ]
        return {
            table: connection.execute(
                f"SELECT coalesce(max(history_id), 0) FROM {table}"
            ).fetchone()[0]
            for table in tables
        }


def delete_history(marks: dict[str, int]) -> int:
    """Delete the history rows written after `marks`; how many there were."""
    deleted = 0
    with pg_connect() as connection:
        for table, mark in marks.items():
            deleted += connection.execute(
                f"DELETE FROM {table} WHERE history_id > %s", [mark]
            ).rowcount
    return deleted


def max_ids() -> tuple[int, int]:
    with pg_connect() as connection:
        return connection.execute(
            "SELECT (SELECT coalesce(max(id), 0) FROM honors_recipient),"
            " (SELECT coalesce(max(id), 0) FROM honors_honor)"
        ).fetchone()


def counts() -> tuple[int, int]:
    with pg_connect() as connection:
        return connection.execute(
            "SELECT (SELECT count(*) FROM honors_recipient), (SELECT count(*) FROM honors_honor)"
        ).fetchone()


def dump_new(recipient_id: int, honor_id: int) -> tuple[bytes, bytes]:
    """The rows an import added, as COPY text, to load again into the scratch tables."""
    dumps = []
    with pg_connect() as connection, connection.cursor() as cursor:
        for table, first in (("honors_recipient", recipient_id), ("honors_honor", honor_id)):
            buffer = bytearray()
            with cursor.copy(
                f"COPY (SELECT * FROM {table} WHERE id > {int(first)}) TO STDOUT"
            ) as c:
                for data in c:
                    buffer += data
            dumps.append(bytes(buffer))
    return dumps[0], dumps[1]


def delete_new(recipient_id: int, honor_id: int) -> None:
    with pg_connect() as connection, connection.transaction():
        connection.execute("DELETE FROM honors_honor WHERE id > %s", [honor_id])
        connection.execute("DELETE FROM honors_recipient WHERE id > %s", [recipient_id])
    with pg_connect() as connection:
        # Each import, and the pages measured after, start from tables without dead rows.
        connection.execute("VACUUM ANALYZE honors_honor, honors_recipient")


def run_import(path: Path) -> tuple[float, str]:
    started = time.perf_counter()
    process = subprocess.run(
        [str(BIN / "python"), "manage.py", "import_honors", str(path)],
        cwd=ROOT,
        env=env(),
        capture_output=True,
        text=True,
        timeout=1800,
    )
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        tail = (process.stdout + process.stderr)[-2000:]
        raise RuntimeError(f"import_honors {path.name} failed:\n{tail}")
    return seconds, process.stdout.strip().splitlines()[0]


def startup_seconds() -> float:
    """What starting a manage.py command costs (Django set-up, no rows): part of each import."""
    started = time.perf_counter()
    subprocess.run(
        [str(BIN / "python"), "manage.py", "import_honors", "--help"],
        cwd=ROOT,
        env=env(),
        capture_output=True,
        check=True,
        timeout=120,
    )
    return time.perf_counter() - started


SCRATCH = [("bench_copy_recipient", "honors_recipient"), ("bench_copy_honor", "honors_honor")]


def time_copy_from(recipients: bytes, honors: bytes, runs: int = 3) -> float:
    """COPY FROM of the imported rows into scratch tables shaped like the real ones (columns,
    defaults, checks, indexes, foreign keys) that already hold the real tables' rows."""
    timings = []
    with pg_connect() as connection:
        drop = "DROP TABLE IF EXISTS " + ", ".join(scratch for scratch, _table in SCRATCH)
        for _ in range(runs):
            connection.execute(drop)
            for scratch, table in SCRATCH:
                connection.execute(f"CREATE TABLE {scratch} (LIKE {table} INCLUDING ALL)")
                connection.execute(f"INSERT INTO {scratch} SELECT * FROM {table}")
            connection.execute(
                "ALTER TABLE bench_copy_honor"
                " ADD FOREIGN KEY (recipient_id) REFERENCES bench_copy_recipient (id),"
                " ADD FOREIGN KEY (title_id) REFERENCES honors_honortitle (id),"
                " ADD FOREIGN KEY (region_id) REFERENCES core_region (id)"
            )
            connection.execute("ANALYZE bench_copy_recipient")
            connection.execute("ANALYZE bench_copy_honor")
            started = time.perf_counter()
            with connection.transaction(), connection.cursor() as cursor:
                for (scratch, _table), data in zip(SCRATCH, (recipients, honors), strict=True):
                    with cursor.copy(f"COPY {scratch} FROM STDIN") as copy:
                        copy.write(data)
            timings.append(time.perf_counter() - started)
        connection.execute(drop)
    return median(timings)


def run(target: float = TARGET) -> list[Row]:
    """Both imports beside COPY FROM, judged against `target` (the province bench's is 6×)."""
    log(f"imports: writing {ROWS:,} new honours as CSV and XLSX")
    csv_path, xlsx_path = write_files()
    startup = startup_seconds()
    timings: dict[str, tuple[float, str]] = {}
    dumps: tuple[bytes, bytes] | None = None
    before = counts()
    history_rows = 0
    for label, path in (("CSV", csv_path), ("XLSX", xlsx_path)):
        recipient_id, honor_id = max_ids()
        marks = history_marks()
        log(f"imports: manage.py import_honors {path.name}")
        try:
            timings[label] = run_import(path)
        finally:
            added = counts()[1] - before[1]
            if dumps is None and added:
                dumps = dump_new(recipient_id, honor_id)
            history_rows = delete_history(marks)
            delete_new(recipient_id, honor_id)
        log(
            f"  {label}: {timings[label][0]:.1f} s, {added:,} honours and {history_rows:,}"
            " history rows added (then deleted)"
        )
        if added != ROWS:
            raise RuntimeError(f"the {label} import added {added} honours, not {ROWS}")
    log("imports: COPY FROM reference")
    copy_seconds = time_copy_from(*dumps)
    rows = []
    for label, (seconds, summary) in timings.items():
        ratio = seconds / copy_seconds
        rows.append(
            Row(
                "Imports (manage.py import_honors, the admin's Importer)",
                f"{label} import of {ROWS:,} honours",
                f"{secs(seconds)} ({summary}; includes start-up {secs(startup)})",
                f"COPY FROM {secs(copy_seconds)} (recipients + honours)",
                ratio,
                f"≤ {target:g}× COPY FROM",
                ratio <= target,
                [f"the import also wrote {history_rows:,} history rows (django-simple-history)"]
                if history_rows
                else [],
            )
        )
    return rows
