"""Certificates (issue 16): 1,000 荣誉证书 in one PDF, time and peak memory.

A child process (``python -m bench.certificates N OUT``) prints the first N certificates
of the largest year's conferred honours (repeated if the year has fewer) with the same
code the admin action and ``print_certificates`` use; the parent reads the child's own
peak RSS from wait4. The reference is the same for 100 certificates: memory flat in the
number of pages means the two peaks are close.
"""

import itertools
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, Row, env, log

COUNT, SMALL = 1_000, 100
TIME_TARGET = 60.0  # seconds for 1,000 (issue 16)
MEMORY_TARGET = 1.5  # peak for 1,000 ≤ 1.5× the peak for 100


def child(count: int, output: str) -> None:
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.db.models import Count

    from core.documents.printing import write_pdf_file
    from honors.certificates import certificates
    from honors.models import Honor

    conferred = Honor.objects.public()
    year = (conferred.values("year").annotate(n=Count("pk")).order_by("-n").first() or {"year": 0})[
        "year"
    ]
    started = time.perf_counter()
    pages = list(certificates(conferred.filter(year=year)))
    if not pages:
        raise SystemExit("no conferred honours to print")
    selected = itertools.islice(itertools.cycle(pages), count)
    written = write_pdf_file(selected, Path(output))
    print(f"{written} {time.perf_counter() - started:.3f} {year}")


def measure(count: int) -> tuple[int, float, int]:
    """Pages written, seconds, and the child's peak RSS in KiB."""
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "certificates.pdf")
        process = subprocess.Popen(
            [sys.executable, "-m", "bench.certificates", str(count), out],
            cwd=ROOT,
            env=env(),
            stdout=subprocess.PIPE,
            text=True,
        )
        _pid, status, usage = os.wait4(process.pid, 0)
        output = process.stdout.read().split()
        process.stdout.close()
        if status != 0 or len(output) < 2:
            raise RuntimeError(f"bench.certificates {count} failed: {output}")
        return int(output[0]), float(output[1]), usage.ru_maxrss


def run() -> list[Row]:
    log(f"certificates: {COUNT:,} and {SMALL} in child processes")
    pages, seconds, peak = measure(COUNT)
    _small_pages, small_seconds, small_peak = measure(SMALL)
    log(f"  {pages} pages in {seconds:.1f} s, peak RSS {peak / 1024:.0f} MiB")
    section = "Certificates (issue 16)"
    return [
        Row(
            section,
            f"{COUNT:,} certificates, one PDF (print_certificates' code)",
            f"{seconds:.1f} s",
            f"{small_seconds:.1f} s for {SMALL}",
            seconds / small_seconds if small_seconds else None,
            f"< {TIME_TARGET:g} s",
            seconds < TIME_TARGET and pages == COUNT,
        ),
        Row(
            section,
            f"peak RSS (wait4 ru_maxrss), {COUNT:,} certificates",
            f"{peak / 1024:.0f} MiB",
            f"{small_peak / 1024:.0f} MiB for {SMALL}",
            peak / small_peak if small_peak else None,
            f"≤ {MEMORY_TARGET:g}× the {SMALL}-page peak",
            peak <= MEMORY_TARGET * small_peak,
        ),
    ]


if __name__ == "__main__":
    if len(sys.argv) == 3:
        child(int(sys.argv[1]), sys.argv[2])
    else:  # the part alone, on whatever database DATABASE_URL names (e.g. the demo year)
        for row in run():
            print(
                f"{row.name}: {row.measured} vs {row.reference} (target {row.target}) {row.verdict}"
            )
