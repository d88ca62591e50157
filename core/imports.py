"""Import jobs: check a stored file (in the background when it is large), then commit it.

The admin's import page and its progress page call these; the check and the
commit both run the app's importer through the same engine as the import
commands, so every door applies the same rules.
"""

import datetime
import logging
import threading

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage
from django.db import close_old_connections
from django.utils import timezone
from django.utils.translation import gettext as _

from core import tabular
from core.models import ImportJob

logger = logging.getLogger(__name__)

# Files up to this many rows are checked within the request; larger ones in a
# background thread while the page shows how far the check has got.
INLINE_ROWS = 2_000
# A background check reports progress every thousand rows; one silent for this long died
# with its process (a restart, a deploy), and its page says so instead of waiting for ever.
STALLED_AFTER = datetime.timedelta(minutes=5)
# A commit reports nothing while it writes; one still writing after this long died with its
# process (its transaction rolled back, so nothing of it was written).
WRITING_STALLED_AFTER = datetime.timedelta(minutes=30)


class JobNotReady(Exception):
    """A confirm of a job that another confirm is writing, or that is written already."""


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
    """Cancel a job not yet written: its file is deleted at once. False when too late."""
    cancelled = ImportJob.objects.filter(
        pk=job.pk,
        state__in=[ImportJob.State.CHECKING, ImportJob.State.READY, ImportJob.State.FAILED],
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
    """Check the job's file now, or in a thread that reports its progress on the job."""
    purge_expired()
    if background:
        run_in_background(_check_in_thread, job.pk, importer_class)
    else:
        check(job, importer_class)


def run_in_background(target, *args) -> None:
    """A daemon thread of this process: enough for one office's uploads, no queue to run."""
    threading.Thread(target=target, args=args, daemon=True).start()


def _check_in_thread(job_id, importer_class) -> None:
    job = ImportJob.objects.get(pk=job_id)
    try:
        check(job, importer_class)
    except Exception:
        logger.exception("import job %s: the check failed", job_id)
        fail(job, _("检查时出错，请重新上传；如再次出错，请联系管理员。"))
    finally:
        close_old_connections()


def fail(job: ImportJob, message: str) -> None:
    job.state, job.result = ImportJob.State.FAILED, {"file_errors": [message]}
    job.save()


def give_up_if_stalled(job: ImportJob) -> None:
    """Mark a background check that stopped reporting, or a commit that died, as failed."""
    now = timezone.now()
    if job.state == ImportJob.State.CHECKING and job.updated_at < now - STALLED_AFTER:
        fail(job, _("检查中断（服务器可能已重启），请重新上传文件。"))
    elif job.state == ImportJob.State.WRITING and job.updated_at < now - WRITING_STALLED_AFTER:
        fail(job, _("写入中断（服务器可能已重启），没有写入任何数据，请重新上传文件。"))


def check(job: ImportJob, importer_class) -> None:
    """Run every row without writing; store the outcome on the job."""

    def progress(done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(
            rows_done=done, rows_total=total, updated_at=timezone.now()
        )

    try:
        importer = importer_class(user=job.user)
        result = importer.run(read_stored(job), commit=False, progress=progress)
    except tabular.TableError as error:
        fail(job, str(error))
        return
    job.state, job.result = ImportJob.State.READY, result.to_json()
    job.rows_done = job.rows_total = len(result.outcomes)
    job.save()


def commit(job: ImportJob, importer_class) -> tabular.ImportResult:
    """Write every row, or none if any row has become bad since the check; once.

    The job moves from READY to WRITING by one conditional UPDATE before anything is
    read or written: of two confirms at once (two tabs, a double click) only one gets a
    row count of 1; the other raises JobNotReady and writes nothing. Files that overlap
    are serialised inside the importer (Importer.run takes a lock per title and year).
    """
    claimed = ImportJob.objects.filter(pk=job.pk, state=ImportJob.State.READY).update(
        state=ImportJob.State.WRITING, updated_at=timezone.now()
    )
    if not claimed:
        raise JobNotReady(_("这个导入正在写入或已经完成，不会重复写入。"))
    job.state = ImportJob.State.WRITING
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
