"""Import jobs as Celery tasks: queued, counted, retried once, cancelled (tasks run eagerly
here; tests/core/test_worker.py runs a real worker)."""

import pytest
from django.urls import reverse

from core import imports, tasks
from core.models import ImportJob
from core.tabular import headers
from honors.models import Honor
from honors.tabular import COLUMNS, HonorImporter
from tests.honors.test_admin_tabular import honour_row, upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_year")]

CHANGELIST = reverse("admin:honors_honor_changelist")


def ready_job(staff_client, name: str) -> tuple[ImportJob, str]:
    _, job_url = upload(staff_client, [headers(COLUMNS)[:13], honour_row(name)])
    job = ImportJob.objects.get()
    assert job.state == ImportJob.State.READY
    return job, job_url


@pytest.fixture
def queued(settings, monkeypatch):
    """A broker instead of eager tasks: what would be sent, as (task name, args)."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    sent = []
    for task in (tasks.check_import, tasks.commit_import):
        monkeypatch.setattr(task, "delay", lambda *args, t=task: sent.append((t.name, args)))
    # Sent once the job's row is committed; the test's transaction never commits.
    monkeypatch.setattr(imports.transaction, "on_commit", lambda send, **kwargs: send())
    return sent


def test_a_confirm_queues_the_write_and_the_page_shows_it_waiting(staff_client, queued):
    job, job_url = ready_job(staff_client, "排隊者")
    response = staff_client.post(job_url, {"confirm": "1"})
    assert response.status_code == 302 and response["Location"] == job_url
    # The message names the job and its importer by text: it outlives the web process.
    assert queued == [("core.commit_import", (str(job.pk), "honors.tabular.HonorImporter"))]
    page = staff_client.get(job_url).content.decode()
    assert "正在写入" in page and "正在排队" in page and 'name="cancel"' in page
    assert not Honor.objects.filter(recipient__name="排隊者").exists()
    tasks.commit_import(*queued[0][1])  # what the worker runs
    assert ImportJob.objects.get(pk=job.pk).state == ImportJob.State.DONE
    assert Honor.objects.filter(recipient__name="排隊者").count() == 1


def test_a_queued_write_can_be_cancelled_and_then_writes_nothing(staff_client, queued):
    job, job_url = ready_job(staff_client, "撤回者")
    staff_client.post(job_url, {"confirm": "1"})
    response = staff_client.post(job_url, {"cancel": "1"})
    assert response["Location"] == CHANGELIST
    tasks.commit_import(*queued[0][1])  # delivered after the cancel
    assert ImportJob.objects.get(pk=job.pk).state == ImportJob.State.CANCELLED
    assert not Honor.objects.filter(recipient__name="撤回者").exists()


def test_a_started_write_cannot_be_cancelled_and_says_so(staff_client, queued):
    job, job_url = ready_job(staff_client, "寫着者")
    staff_client.post(job_url, {"confirm": "1"})
    ImportJob.objects.filter(pk=job.pk).update(attempts=1)  # a worker has begun it
    response = staff_client.post(job_url, {"cancel": "1"}, follow=True)
    assert "正在写入，已不能取消" in response.content.decode()
    assert ImportJob.objects.get(pk=job.pk).state == ImportJob.State.WRITING


def test_a_write_is_retried_once_after_a_lost_worker_then_failed(staff_client, queued):
    job, job_url = ready_job(staff_client, "重試者")
    staff_client.post(job_url, {"confirm": "1"})
    # Two workers took the message and died (their transactions rolled back).
    ImportJob.objects.filter(pk=job.pk).update(attempts=imports.MAX_ATTEMPTS)
    tasks.commit_import(*queued[0][1])  # the third delivery
    job.refresh_from_db()
    assert job.state == ImportJob.State.FAILED
    assert not Honor.objects.filter(recipient__name="重試者").exists()
    assert "写入中断" in staff_client.get(job_url).content.decode()


def test_a_second_delivery_after_a_lost_worker_writes_the_file(staff_client, queued):
    job, job_url = ready_job(staff_client, "再送者")
    staff_client.post(job_url, {"confirm": "1"})
    ImportJob.objects.filter(pk=job.pk).update(attempts=1)  # the first worker died
    tasks.commit_import(*queued[0][1])
    job.refresh_from_db()
    assert (job.state, job.attempts) == (ImportJob.State.DONE, 2)
    assert Honor.objects.filter(recipient__name="再送者").count() == 1


def test_a_check_cancelled_while_it_runs_stops_and_stays_cancelled(staff_client, monkeypatch):
    monkeypatch.setattr(imports, "INLINE_ROWS", 0)
    monkeypatch.setattr(imports, "run_in_background", lambda *args: None)
    _, job_url = upload(staff_client, [headers(COLUMNS)[:13], honour_row("中止者")])
    job = ImportJob.objects.get()
    assert 'name="cancel"' in staff_client.get(job_url).content.decode()

    class CancelledMidway(HonorImporter):
        def run(self, table, *, commit, progress=None):
            staff_client.post(job_url, {"cancel": "1"})  # on its page, during the check
            progress(1, 2)
            raise AssertionError("the check went on after its job was cancelled")

    imports.run_check(job.pk, CancelledMidway)
    assert ImportJob.objects.get(pk=job.pk).state == ImportJob.State.CANCELLED


def test_a_check_delivered_a_third_time_fails_its_job(staff_client, monkeypatch):
    monkeypatch.setattr(imports, "INLINE_ROWS", 0)
    monkeypatch.setattr(imports, "run_in_background", lambda *args: None)
    _, job_url = upload(staff_client, [headers(COLUMNS)[:13], honour_row("三送者")])
    job = ImportJob.objects.get()
    assert "正在排队" in staff_client.get(job_url).content.decode()
    ImportJob.objects.filter(pk=job.pk).update(attempts=imports.MAX_ATTEMPTS)
    tasks.check_import(str(job.pk), imports.importer_path(HonorImporter))
    assert ImportJob.objects.get(pk=job.pk).state == ImportJob.State.FAILED
    assert "检查中断" in staff_client.get(job_url).content.decode()


def test_a_task_names_only_an_importer():
    with pytest.raises(TypeError):
        imports.importer_from_path("os.system")
    assert imports.importer_from_path("honors.tabular.HonorImporter") is HonorImporter


@pytest.fixture
def broker_down(settings, monkeypatch):
    settings.CELERY_TASK_ALWAYS_EAGER = False

    def refuse(*args):
        raise ConnectionRefusedError("Error 111 connecting to 127.0.0.1:6379")

    for task in (tasks.check_import, tasks.commit_import):
        monkeypatch.setattr(task, "delay", refuse)
    monkeypatch.setattr(imports.transaction, "on_commit", lambda send, **kwargs: send())


def test_a_confirm_while_the_queue_is_down_says_so_and_may_be_tried_again(
    staff_client, broker_down
):
    job, job_url = ready_job(staff_client, "無隊列")
    response = staff_client.post(job_url, {"confirm": "1"}, follow=True)
    assert response.status_code == 200
    assert "后台任务队列暂时不可用" in response.content.decode()
    assert ImportJob.objects.get(pk=job.pk).state == ImportJob.State.READY
    assert 'name="confirm"' in response.content.decode()


def test_a_large_upload_while_the_queue_is_down_fails_its_job_with_a_message(
    staff_client, broker_down, monkeypatch
):
    monkeypatch.setattr(imports, "INLINE_ROWS", 0)
    response, _ = upload(staff_client, [headers(COLUMNS)[:13], honour_row("無隊列乙")])
    assert "后台任务队列暂时不可用" in response.content.decode()
    assert ImportJob.objects.get().state == ImportJob.State.FAILED
