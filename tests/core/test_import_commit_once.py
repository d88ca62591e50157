"""An import job commits once, and overlapping files committed at once leave no duplicates.

The races need real transactions on separate connections, so these tests write through
threads of their own, which commit for real (on PostgreSQL: SQLite has one writer at a time
and refuses the second), and remove what they wrote afterwards, leaving the demo year the
other tests share as it was. The test's own connection, inside pytest-django's transaction,
only reads (PostgreSQL's READ COMMITTED shows it what the threads committed).
"""

import threading

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import connection, connections

from core import imports
from core.models import ImportJob
from honors.models import Honor, Recipient
from honors.tabular import HonorImporter

ROWS = 200
HEADER = "年度,称号,级别,姓名或集体全称,地区代码,授予机关\n"


def honour_file(prefix: str) -> bytes:
    lines = [f"2023,三八红旗手,市级,{prefix}{n:03d},371602,滨州市妇联\n" for n in range(ROWS)]
    return (HEADER + "".join(lines)).encode()


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_year")]


def in_thread(function, *args):
    """Run `function` on a connection of its own (autocommit, outside the test's transaction)."""
    outcome = {}

    def run():
        try:
            outcome["value"] = function(*args)
        except BaseException as error:
            outcome["error"] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


@pytest.fixture
def committed_db():
    """A committed superuser to import as; what the test committed is removed afterwards."""
    if connection.vendor != "postgresql":
        pytest.skip("the race needs PostgreSQL's concurrent writers")
    models = (Honor, Recipient, Honor.history.model, Recipient.history.model)

    def last_keys():
        return {m: m.objects.order_by("-pk").values_list("pk", flat=True).first() for m in models}

    marks = in_thread(last_keys)
    user = in_thread(lambda: User.objects.create_superuser("concurrent", password="x"))
    try:
        yield user
    finally:

        def clean():
            for model, mark in marks.items():
                model.objects.filter(pk__gt=mark or 0).delete()
            User.objects.filter(pk=user.pk).delete()  # and its import jobs

        in_thread(clean)


def ready_job(user, content: bytes) -> ImportJob:
    return in_thread(_ready_job, user, content)


def _ready_job(user, content: bytes) -> ImportJob:
    name = imports.storage().save("concurrent.csv", ContentFile(content))
    job = ImportJob.objects.create(
        user=user, model_label="honors.honor", file_name=name, state=ImportJob.State.CHECKING
    )
    imports.check(job, HonorImporter)
    assert job.state == ImportJob.State.READY
    return job


def at_once(*jobs: ImportJob) -> list:
    """Commit each job from its own thread, all starting together; what each one got."""
    start = threading.Barrier(len(jobs))
    outcomes = [None] * len(jobs)

    def confirm(index: int, job_id) -> None:
        try:
            job = ImportJob.objects.get(pk=job_id)
            start.wait()
            outcomes[index] = imports.commit(job, HonorImporter).committed
        except imports.JobNotReady as refusal:
            outcomes[index] = refusal
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm, args=(i, j.pk)) for i, j in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_two_confirms_of_one_job_write_each_row_once(committed_db):
    job = ready_job(committed_db, honour_file("并发甲"))
    outcomes = at_once(job, job)
    assert sorted(map(type, outcomes), key=str) == sorted([bool, imports.JobNotReady], key=str)
    assert Honor.objects.filter(recipient__name__startswith="并发甲").count() == ROWS
    assert ImportJob.objects.get(pk=job.pk).state == ImportJob.State.DONE


def test_two_overlapping_files_committed_at_once_leave_no_duplicates(committed_db):
    first = ready_job(committed_db, honour_file("并发乙"))
    second = ready_job(committed_db, honour_file("并发乙"))
    assert at_once(first, second) == [True, True]
    assert Honor.objects.filter(recipient__name__startswith="并发乙").count() == ROWS
    assert Recipient.objects.filter(name__startswith="并发乙").count() == ROWS
