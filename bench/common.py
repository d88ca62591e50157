"""What the benchmark's parts share: the environment, the database, a gunicorn server, results.

Every server here listens on 127.0.0.1 only, and every request loop is bounded
in count and in time.
"""

import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WORK = Path(os.environ.get("BENCH_WORK", "/tmp/fulian-bench"))
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/fulian_bench"
)
# The cache, as production has it (README "Deploying"): a Redis database of the bench's own,
# emptied when the bench starts.
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
HOST = "127.0.0.1"
# Production sits behind nginx, which terminates TLS and says so in this header; without
# it, production settings redirect every request to https.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}

# The environment of every process the benchmark starts (servers, manage.py commands).
SERVER_ENV = {
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "SECRET_KEY": "bench",
    "DEBUG": "0",
    "ALLOWED_HOSTS": HOST,
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": REDIS_URL,
    "LOG_LEVEL": "WARNING",
}


def env(**overrides: str) -> dict[str, str]:
    return {**os.environ, **SERVER_ENV, **overrides}


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- results


@dataclass
class Row:
    """One measurement beside its reference, and the issue's target for it."""

    section: str
    name: str
    measured: str
    reference: str
    ratio: float | None
    target: str
    met: bool | None
    notes: list[str] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        return "—" if self.met is None else ("met" if self.met else "**missed**")


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def secs(seconds: float) -> str:
    return f"{seconds:.2f} s"


def mib(kib: int) -> str:
    return f"{kib / 1024:.0f} MiB"


# ---------------------------------------------------------------- database


def pg_connect(dbname: str | None = None):
    import psycopg

    url = DATABASE_URL
    if dbname is not None:
        url = url.rsplit("/", 1)[0] + "/" + dbname
    return psycopg.connect(url, autocommit=True)


def database_name() -> str:
    return DATABASE_URL.rsplit("/", 1)[1].split("?")[0]


# ---------------------------------------------------------------- gunicorn


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Gunicorn:
    """A gunicorn server on 127.0.0.1 for one measurement; stopped on leaving the block."""

    def __init__(self, *, settings: str, workers: int = 1, name: str = "gunicorn", **environ):
        self.settings, self.workers, self.name = settings, workers, name
        self.environ = environ
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Gunicorn":
        WORK.mkdir(parents=True, exist_ok=True)
        self.log_path = WORK / f"{self.name}.log"
        command = [
            str(BIN / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(self.workers),
            "--worker-class",
            "sync",
            "--timeout",
            "300",
            "--error-logfile",
            str(self.log_path),
        ]
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env(DJANGO_SETTINGS_MODULE=self.settings, **self.environ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._wait_for_workers()
        return self

    def _wait_for_workers(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log_path}")
            try:
                with socket.create_connection((HOST, self.port), timeout=1):
                    pass
                if len(self.worker_pids()) == self.workers:
                    time.sleep(0.5)  # let the workers import the app and reach accept()
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not start in 60 s; see {self.log_path}")

    def worker_pids(self) -> list[int]:
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in path.read_text().split()]
        except OSError:
            return []

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def url(self, path: str) -> str:
        return f"http://{HOST}:{self.port}{path}"


def proc_status_kib(pid: int, key: str) -> int:
    """A memory line of /proc/<pid>/status in KiB (VmHWM is the peak resident set)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    raise KeyError(key)


@dataclass
class Fetched:
    status: int
    seconds: float
    first_byte: float
    size: int
    lines: int
    head: bytes


def fetch(port: int, path: str, timeout: float = 600) -> Fetched:
    """GET a URL on 127.0.0.1 and read the body to the end, timing first and last byte."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": HOST, **PROXY_HEADERS})
        response = connection.getresponse()
        first_byte = time.perf_counter() - started
        size = lines = 0
        head = b""
        while chunk := response.read(256 * 1024):
            if not head:
                head = chunk[:64]
            size += len(chunk)
            lines += chunk.count(b"\n")
        return Fetched(
            response.status, time.perf_counter() - started, first_byte, size, lines, head
        )
    finally:
        connection.close()
