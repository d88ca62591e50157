"""/healthz, /readyz and /metrics: what the load balancer and Prometheus see."""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from core import health

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_without_the_database(client):
    with CaptureQueriesContext(connections["default"]) as queries:
        response = client.get("/healthz", HTTP_ACCEPT_LANGUAGE="en")  # no language redirect
    assert (response.status_code, response.content) == (200, b"ok")
    assert len(queries) == 0
    assert "no-cache" in response["Cache-Control"]


def test_readyz_is_ok_when_database_cache_and_queue_answer(client):
    response = client.get("/readyz")
    assert (response.status_code, response.content) == (200, b"ok")


@pytest.mark.parametrize("down", ["database", "cache", "queue"])
def test_readyz_is_503_without_details_when_a_part_is_down(client, monkeypatch, down):
    def broken():
        raise ConnectionError("connection refused by 10.0.0.5:5432")

    monkeypatch.setitem(health.CHECKS, down, broken)
    response = client.get("/readyz")
    assert (response.status_code, response.content) == (503, b"unavailable")


def test_a_cache_that_swallows_its_errors_is_not_ready(client, monkeypatch):
    # django-redis with IGNORE_EXCEPTIONS: a down Redis stores nothing and returns None.
    monkeypatch.setattr(health.cache, "get", lambda key, default=None: None)
    assert client.get("/readyz").status_code == 503


def test_the_queue_is_checked_on_the_broker_when_tasks_are_not_eager(settings, monkeypatch):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    reached = []

    class Connection:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def ensure_connection(self, **kwargs):
            reached.append(kwargs)
            raise OSError("broker down")

    from config.celery import app

    monkeypatch.setattr(app, "connection_for_write", Connection)
    assert health.run_checks()["queue"] is False and reached


def test_metrics_are_for_staff_or_a_token(client, admin_user, django_user_model, settings):
    assert client.get("/metrics").status_code == 403
    client.force_login(django_user_model.objects.create_user("visitor", password="x"))
    assert client.get("/metrics").status_code == 403  # logged in, but not staff
    client.force_login(admin_user)
    assert client.get("/metrics").status_code == 200
    client.logout()
    settings.METRICS_TOKEN = "s3cret"
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 403
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")


def test_metrics_count_requests_by_url_name_and_show_import_jobs(staff_client):
    staff_client.get("/healthz")
    text = staff_client.get("/metrics").content.decode()
    assert 'fulian_http_requests_total{method="GET",status="200",view="healthz"}' in text
    assert "fulian_http_request_duration_seconds_bucket" in text
    assert 'fulian_import_jobs{state="checking"} 0.0' in text
