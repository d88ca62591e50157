"""With Redis down, the site goes on and says so once a minute, not once per cache call."""

import logging

import pytest
from django.test import override_settings
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_year")]
LIST = reverse("honors:list")


@pytest.fixture
def redis_down(settings):
    down = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        "OPTIONS": settings.REDIS_CACHE_OPTIONS,
    }
    with override_settings(CACHES={"default": down}, PUBLIC_CACHE_SECONDS=600):
        yield


@pytest.fixture(autouse=True)
def fresh_filter():
    """The filter remembers what it let through: another test's Redis outage may be
    within the minute."""
    from core.logs import OncePerMinute

    for found in logging.getLogger("django_redis.cache").filters:
        if isinstance(found, OncePerMinute):
            found.last.clear()
            found.suppressed.clear()


def redis_records(caplog):
    return [r for r in caplog.records if r.name.startswith("django_redis")]


def test_a_down_redis_is_logged_once_a_minute(client, redis_down, caplog, monkeypatch):
    caplog.set_level(logging.ERROR)
    for _ in range(3):
        assert client.get(LIST).status_code == 200  # each page asks the cache several times
    records = redis_records(caplog)
    assert len(records) == 1
    assert records[0].exc_info  # the first one keeps its traceback

    import core.logs

    clock = core.logs.time.monotonic() + 61
    monkeypatch.setattr(core.logs.time, "monotonic", lambda: clock)
    client.get(LIST)
    records = redis_records(caplog)
    assert len(records) == 2
    assert "not logged" in records[1].getMessage()
