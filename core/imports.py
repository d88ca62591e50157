"""Import jobs: check a stored file (on a worker when it is large), then commit it on one.

The admin's import page and its progress page call these; the check and the
commit both run the app's importer through the same engine as the import
commands, so every door applies the same rules. Work for a worker is queued as a
Celery task (core.tasks), which calls back into `run_check` and `run_write` here
(Celery's Django fix-up closes a worker's stale connections around each task).
"""

import datetime
import logging

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core import tabular
from core.models import ImportJob

logger = logging.getLogger(__name__)

# Files up to this many rows are checked within the request; larger ones by a worker
# while the page shows how far the check has got.
INLINE_ROWS = 2_000
# A check reports progress every thousand rows; one started and silent for this long died
# with its worker, and its page says so instead of waiting for ever.
STALLED_AFTER = datetime.timedelta(minutes=5)
# A commit reports nothing while it writes; one still writing after this long died with its
# worker (its transaction rolled back, so nothing of it was written).
WRITING_STALLED_AFTER = datetime.timedelta(minutes=30)
# A step delivered this many times to workers that died is given up: the first loss is
# retried, the second fails the job (a file that kills its worker must not do so for ever).
MAX_ATTEMPTS = 2

# Translated when used, in the language then active (a worker's is the default one).
CHECK_LOST = gettext_noop("检查中断（服务器可能已重启），请重新上传文件。")
WRITE_LOST = gettext_noop("写入中断（服务器可能已重启），没有写入任何数据，请重新上传文件。")


class JobNotReady(Exception):
    """A confirm of a job that another confirm is writing, or that is written already."""


class Cancelled(Exception):
    """Raised inside a running check whose job was cancelled on its page."""


class QueueUnavailable(Exception):
    """The broker refused a task (Redis down): the job is not left waiting for nothing."""


QUEUE_DOWN = gettext_noop("后台任务队列暂时不可用，请稍后再试；没有写入任何数据。")


# An uploaded file holds ID numbers and phones: readable by the server's account only, and
# kept no longer than the day it takes to look at the preview and confirm it.
KEEP_UNCONFIRMED = datetime.timedelta(days=1)


def storage() -> FileSystemStorage:
    return FileSystemStorage(
        location=settings.IMPORT_ROOT, file_permissions_mode=0o600, directory_permissions_mode=0o700
    )


def discard_file(job: ImportJob) -> None:
    if job.file_name:
        storage().delete(job.file_name)


def cancel(job: ImportJob) -> bool:
    """Cancel a job not yet being written: its file is deleted at once. False when too late.

    A check may be cancelled while it runs (it stops at its next progress report); a write
    only while it waits in the queue, since a started write is one transaction to the end.
    """
    cancelled = ImportJob.objects.filter(
        Q(state__in=[ImportJob.State.CHECKING, ImportJob.State.READY, ImportJob.State.FAILED])
        | Q(state=ImportJob.State.WRITING, attempts=0),
        pk=job.pk,
    ).update(state=ImportJob.State.CANCELLED, updated_at=timezone.now())
    if cancelled:
        discard_file(job)
    return bool(cancelled)


def purge_expired(now: datetime.datetime | None = None) -> int:
    """Delete the files of jobs left unconfirmed for a day (a job being written is left).

    Called whenever a new import starts, and by `manage.py purge_import_files`, so
    nothing depends on a cron job. Returns how many files were deleted.
    """
    cutoff = (now or timezone.now()) - KEEP_UNCONFIRMED
    expired = ImportJob.objects.filter(
        created_at__lt=cutoff,
        state__in=[ImportJob.State.CHECKING, ImportJob.State.READY, ImportJob.State.FAILED],
    )
    count = 0
    for job in expired:
        if ImportJob.objects.filter(pk=job.pk, state=job.state).update(
            state=ImportJob.State.CANCELLED
        ):
            discard_file(job)
            count += 1
    return count


def read_stored(job: ImportJob) -> tabular.Table:
    with storage().open(job.file_name, "rb") as stored:
        return tabular.read_table(File(stored, name=job.file_name))


def start_check(job: ImportJob, importer_class, *, background: bool) -> None:
    """Check the job's file now, or queue the check for a worker that reports its progress."""
    purge_expired()
    if background:
        from core import tasks

        try:
            run_in_background(tasks.check_import, job.pk, importer_class)
        except QueueUnavailable as error:
            fail(job, str(error))
    else:
        # Started here and now: a process that dies during it leaves a job its page gives up.
        ImportJob.objects.filter(pk=job.pk).update(attempts=1)
        job.attempts = 1
        check(job, importer_class)


def importer_path(importer_class) -> str:
    return f"{importer_class.__module__}.{importer_class.__qualname__}"


def importer_from_path(path: str):
    """The importer class a task names; only an Importer, whatever the message says."""
    importer_class = import_string(path)
    if not (isinstance(importer_class, type) and issubclass(importer_class, tabular.Importer)):
        raise TypeError(f"{path} is not an importer")
    return importer_class


def run_in_background(task, job_id, importer_class) -> None:
    """Queue `task` for a worker once the job's row is committed (at once when eager)."""

    def send() -> None:
        try:
            task.delay(str(job_id), importer_path(importer_class))
        except Exception as error:  # kombu's OperationalError: the broker is unreachable
            logger.exception("import job %s: the task could not be queued", job_id)
            raise QueueUnavailable(_(QUEUE_DOWN)) from error

    if settings.CELERY_TASK_ALWAYS_EAGER:
        send()
    else:
        transaction.on_commit(send)


def begin_attempt(job_id, state: str) -> ImportJob | None:
    """Count this delivery of the job's current step; None when it is not to run.

    Not to run: the job has left `state` (cancelled, done, failed), or this is the third
    delivery of a step whose two workers died: then the job is failed with the message
    its step has for an interruption.
    """
    counted = ImportJob.objects.filter(pk=job_id, state=state, attempts__lt=MAX_ATTEMPTS).update(
        attempts=F("attempts") + 1, updated_at=timezone.now()
    )
    job = ImportJob.objects.filter(pk=job_id, state=state).first()
    if job is not None and not counted:
        fail(job, _(CHECK_LOST if state == ImportJob.State.CHECKING else WRITE_LOST))
        return None
    return job


def run_check(job_id, importer_class) -> None:
    """What a worker runs for a queued check: the check, any crash failing the job."""
    job = begin_attempt(job_id, ImportJob.State.CHECKING)
    if job is None:
        return
    try:
        check(job, importer_class)
    except Cancelled:
        logger.info("import job %s: cancelled during its check", job_id)
    except Exception:
        logger.exception("import job %s: the check failed", job_id)
        fail(job, _("检查时出错，请重新上传；如再次出错，请联系管理员。"))


def run_write(job_id, importer_class) -> None:
    """What a worker runs for a confirmed job: the write, in one transaction."""
    job = begin_attempt(job_id, ImportJob.State.WRITING)
    if job is None:
        return
    try:
        write(job, importer_class)
    except JobNotReady:
        pass  # the file went bad: `write` failed the job with its message
    except Exception:
        # Rolled back; the job is READY again and may be confirmed again.
        logger.exception("import job %s: the write failed", job_id)


def fail(job: ImportJob, message: str) -> None:
    """Mark a job not finished or cancelled as failed, with `message` on its page."""
    job.state, job.result = ImportJob.State.FAILED, {"file_errors": [message]}
    ImportJob.objects.filter(
        pk=job.pk, state__in=[ImportJob.State.CHECKING, ImportJob.State.WRITING]
    ).update(state=job.state, result=job.result, updated_at=timezone.now())


def give_up_if_stalled(job: ImportJob) -> None:
    """Mark a started check that stopped reporting, or a write that died, as failed.

    A step still waiting in the queue (no attempt yet) is not stalled: it waits for a worker.
    """
    now = timezone.now()
    if not job.attempts:
        return
    if job.state == ImportJob.State.CHECKING and job.updated_at < now - STALLED_AFTER:
        fail(job, _(CHECK_LOST))
    elif job.state == ImportJob.State.WRITING and job.updated_at < now - WRITING_STALLED_AFTER:
        fail(job, _(WRITE_LOST))


def check(job: ImportJob, importer_class) -> None:
    """Run every row without writing; store the outcome on the job (unless it was cancelled).

    Raises Cancelled, at a progress report, once the job has been cancelled on its page.
    """

    def progress(done: int, total: int) -> None:
        reported = ImportJob.objects.filter(pk=job.pk, state=ImportJob.State.CHECKING).update(
            rows_done=done, rows_total=total, updated_at=timezone.now()
        )
        if not reported:
            raise Cancelled

    try:
        importer = importer_class(user=job.user)
        result = importer.run(read_stored(job), commit=False, progress=progress)
    except tabular.TableError as error:
        fail(job, str(error))
        return
    job.state, job.result = ImportJob.State.READY, result.to_json()
    job.rows_done = job.rows_total = len(result.outcomes)
    # Conditional, so a cancel that came while the last rows were checked is kept.
    ImportJob.objects.filter(pk=job.pk, state=ImportJob.State.CHECKING).update(
        state=job.state,
        result=job.result,
        rows_done=job.rows_done,
        rows_total=job.rows_total,
        updated_at=timezone.now(),
    )


def claim(job: ImportJob) -> None:
    """Move a READY job to WRITING by one conditional UPDATE, or raise JobNotReady.

    Of two confirms at once (two tabs, a double click) only one gets a row count of 1;
    the other raises JobNotReady and writes nothing.
    """
    claimed = ImportJob.objects.filter(pk=job.pk, state=ImportJob.State.READY).update(
        state=ImportJob.State.WRITING, attempts=0, updated_at=timezone.now()
    )
    if not claimed:
        raise JobNotReady(_("这个导入正在写入或已经完成，不会重复写入。"))
    job.state, job.attempts = ImportJob.State.WRITING, 0


def confirm(job: ImportJob, importer_class) -> None:
    """Claim the job and queue its write for a worker (done at once when tasks are eager)."""
    from core import tasks

    claim(job)
    try:
        run_in_background(tasks.commit_import, job.pk, importer_class)
    except QueueUnavailable as error:
        # Back to READY, so staff may confirm again once the queue is back.
        ImportJob.objects.filter(pk=job.pk, state=ImportJob.State.WRITING, attempts=0).update(
            state=ImportJob.State.READY
        )
        job.state = ImportJob.State.READY
        raise JobNotReady(str(error)) from error


def commit(job: ImportJob, importer_class) -> tabular.ImportResult:
    """Claim the job and write every row in this process, or none; once."""
    claim(job)
    return write(job, importer_class)


def write(job: ImportJob, importer_class) -> tabular.ImportResult:
    """Write every row of a claimed job, or none if any row has become bad since the check.

    Files that overlap are serialised inside the importer (Importer.run takes a lock per
    title and year). A worker killed here leaves nothing: the transaction rolls back.
    """
    try:
        result = importer_class(user=job.user).run(read_stored(job), commit=True)
    except tabular.TableError as error:
        fail(job, str(error))
        raise JobNotReady(str(error)) from error
    except BaseException:
        # The transaction rolled back: nothing was written, the job may be confirmed again.
        ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.READY)
        raise
    # Rows that turned bad since the check: the job is ready again, showing their errors
    # (a file with errors offers no confirm).
    job.state = ImportJob.State.DONE if result.committed else ImportJob.State.READY
    if result.committed:
        storage().delete(job.file_name)
    job.result = result.to_json()
    job.save()
    return result
