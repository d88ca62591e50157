"""A real Celery worker runs an import end to end, and one killed mid-write leaves nothing.

The worker is a subprocess (`celery -A config worker`) on the test database and a Redis
broker, so the test needs PostgreSQL (SQLite has one writer at a time) and Redis; it is
skipped without them. What the worker reads must be committed, so the test writes through
threads of its own (tests/core/test_import_commit_once.py) and removes what was written.

To kill the worker mid-write, not before or after it, a thread of the test holds a lock on
the honours' history table: the worker's transaction inserts the file's recipients and
honours, then waits for that lock, and is killed (SIGKILL) while it waits.
"""

import os
import signal
import subprocess
import sys
import time
import uuid

import pytest
import redis
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection, connections, transaction

from core import imports, tasks
from core.models import ImportJob
from honors.models import Honor, Recipient
from honors.tabular import HonorImporter
from tests.core.test_import_commit_once import HEADER, committed_db, in_thread

__all__ = ["committed_db"]  # a fixture, used by name

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_year")]

BROKER = os.environ.get("WORKER_TEST_BROKER_URL", "redis://127.0.0.1:6379/14")
ROWS = 300
PREFIX = "队列甲"
IMPORTER = imports.importer_path(HonorImporter)


def honour_file() -> bytes:
    lines = [f"2023,三八红旗手,市级,{PREFIX}{n:03d},371602,滨州市妇联\n" for n in range(ROWS)]
    return (HEADER + "".join(lines)).encode()


@pytest.fixture
def queue():
    """A queue of this test's own on the broker (nothing else's messages reach its worker)."""
    if connection.vendor != "postgresql":
        pytest.skip("a worker beside the test needs PostgreSQL's concurrent connections")
    try:
        redis.Redis.from_url(BROKER, socket_connect_timeout=1).ping()
    except redis.RedisError:
        if os.environ.get("WORKER_TEST_REQUIRED"):  # .ci/run: Redis is started there
            raise
        pytest.skip(f"no Redis broker at {BROKER}")
    return f"test-{uuid.uuid4().hex[:8]}"


def start_worker(queue: str) -> subprocess.Popen:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": url,
        "CELERY_BROKER_URL": BROKER,
        "CELERY_QUEUE": queue,
        # Seconds before an unacknowledged message goes to the next worker (2 hours in
        # production); short here so the retry after the kill comes within the test.
        "CELERY_VISIBILITY_TIMEOUT": "2",
        "CELERY_RESTORE_INTERVAL": "1",
        "IMPORT_ROOT": str(settings.IMPORT_ROOT),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "REDIS_URL": "",
    }
    command = [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo"]
    command += ["-Q", queue, "--without-gossip", "--without-mingle", "--loglevel=INFO"]
    return subprocess.Popen(command, env=env, cwd=settings.BASE_DIR, start_new_session=True)


def send(task, job_id, queue: str) -> None:
    """Queue a task on the real broker, as the web process does outside the tests."""
    from config.celery import app

    with app.connection_for_write(BROKER) as broker:
        producer = app.amqp.Producer(broker)
        task.apply_async([str(job_id), IMPORTER], queue=queue, producer=producer)


def wait_for(condition, what: str, seconds: float = 90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = in_thread(condition)
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"waited {seconds} s for {what}")


def job_state(job_id):
    return ImportJob.objects.values_list("state", "attempts").get(pk=job_id)


def written() -> tuple[int, int]:
    return (
        Honor.objects.filter(recipient__name__startswith=PREFIX).count(),
        Recipient.objects.filter(name__startswith=PREFIX).count(),
    )


def stop(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(timeout=30)


def test_a_worker_killed_mid_write_leaves_nothing_and_the_job_is_retried(
    committed_db, queue, monkeypatch
):
    monkeypatch.setitem(tasks.check_import.app.conf, "task_always_eager", False)

    def new_job():
        name = imports.storage().save("worker.csv", ContentFile(honour_file()))
        job = ImportJob.objects.create(
            user=committed_db,
            model_label="honors.honor",
            file_name=name,
            state=ImportJob.State.CHECKING,
            rows_total=ROWS,
        )
        return job.pk

    job_id = in_thread(new_job)
    worker = start_worker(queue)
    try:
        # The check, on the worker, with its progress on the job.
        send(tasks.check_import, job_id, queue)
        wait_for(lambda: job_state(job_id)[0] == ImportJob.State.READY, "the check")
        assert in_thread(lambda: ImportJob.objects.get(pk=job_id).rows_done) == ROWS

        # The write, stopped halfway by a lock the test holds, then the worker killed.
        history = Honor.history.model._meta.db_table
        locked, release, backend = _hold_lock(history)
        in_thread(lambda: imports.claim(ImportJob.objects.get(pk=job_id)))
        send(tasks.commit_import, job_id, queue)
        pid = wait_for(lambda: _waiting_backend(history), "the worker to wait for the lock")
        assert job_state(job_id) == (ImportJob.State.WRITING, 1)
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
        release()
        backend.join()
        # The killed worker's connection ends once its statement gets the lock: rolled back.
        wait_for(lambda: not _backend_alive(pid), "the killed worker's connection to end")
        assert in_thread(written) == (0, 0)
        assert job_state(job_id)[0] == ImportJob.State.WRITING

        # A new worker gets the unacknowledged message again, and writes the file once.
        worker = start_worker(queue)
        state = wait_for(
            lambda: (s := job_state(job_id))[0] in {"done", "failed"} and s, "the retry"
        )
        assert state == (ImportJob.State.DONE, 2)
        assert in_thread(written) == (ROWS, ROWS)
        assert locked.is_set()
    finally:
        stop(worker)


def _hold_lock(table: str):
    """A thread that holds `table` locked against inserts until `release()` is called."""
    import threading

    locked, done = threading.Event(), threading.Event()

    def hold():
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f'LOCK TABLE "{table}" IN EXCLUSIVE MODE')
                locked.set()
                done.wait(120)
        finally:
            connections.close_all()

    thread = threading.Thread(target=hold)
    thread.start()
    assert locked.wait(30)
    return locked, done.set, thread


def _waiting_backend(table: str) -> int | None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
            " AND wait_event_type = 'Lock' AND query ILIKE %s",
            [f"%{table}%"],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def _backend_alive(pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid])
        return cursor.fetchone() is not None
