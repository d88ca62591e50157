"""Celery tasks: the background steps of an import job (core.imports), run by workers.

Each task names its job and its importer by text, so a message survives a restart of
the web server that sent it; the job's row holds its state, progress and messages.
Delivery is acknowledged late (config.settings.base, "Background work"): a worker that
dies mid-task leaves the message for the next worker, and `imports.begin_attempt`
counts the deliveries, so a step is retried once and then failed.
"""

from celery import shared_task

from core import imports


@shared_task(name="core.check_import")
def check_import(job_id: str, importer: str) -> None:
    """Check every row of an uploaded file without writing; progress on the job."""
    imports.run_check(job_id, imports.importer_from_path(importer))


@shared_task(name="core.commit_import")
def commit_import(job_id: str, importer: str) -> None:
    """Write every row of a confirmed file in one transaction, or none."""
    imports.run_write(job_id, imports.importer_from_path(importer))
