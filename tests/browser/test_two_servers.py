"""Two app servers, one PostgreSQL, one Redis: an edit made through one server's admin is on
the other server's public page at the next request, although that page was cached.

Nothing the app needs lives in one process: sessions are in the database, the page cache
and the versions behind it in Redis (core.cache). The servers are gunicorn, each with
its own process, on a database of their own made for this test and dropped after it.

PostgreSQL only (CI's second run sets DATABASE_URL to it): a shared SQLite file is not
what two servers would share.
"""

import os
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request

import dj_database_url
import pytest

from tests.browser.conftest import PROJECT_ROOT, _free_port, _manage, _stop, _tail

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed: pip install -r requirements-dev.txt"
)
expect = sync_api.expect

OUTER_DATABASE = dj_database_url.parse(os.environ.get("DATABASE_URL", "sqlite://"))
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        "postgresql" not in OUTER_DATABASE["ENGINE"],
        reason="two app servers share a PostgreSQL database (DATABASE_URL=postgres://…)",
    ),
]
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/14"
PASSWORD = secrets.token_urlsafe(16)


def _database_url(name: str) -> str:
    db = OUTER_DATABASE
    user = db["USER"] or "postgres"
    auth = f"{user}:{db['PASSWORD']}" if db["PASSWORD"] else user
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def _psql(sql: str) -> None:
    import psycopg

    with psycopg.connect(_database_url("postgres"), autocommit=True) as connection:
        connection.execute(sql)


def _wait_until_up(server: subprocess.Popen, url: str, log_path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"gunicorn exited:\n{_tail(log_path)}", pytrace=False)
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    pytest.fail(f"gunicorn did not answer on {url}:\n{_tail(log_path)}", pytrace=False)


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory):
    """Base URLs of two gunicorn servers sharing one database and one Redis."""
    root = tmp_path_factory.mktemp("two_servers")
    name = f"fulian_two_servers_{os.getpid()}"
    _psql(f'DROP DATABASE IF EXISTS "{name}"')
    _psql(f'CREATE DATABASE "{name}"')
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": _database_url(name),
        "REDIS_URL": REDIS_URL,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECRET_KEY": secrets.token_urlsafe(50),  # one key for both, as in a deployment
        "MEDIA_ROOT": str(root / "media"),
        "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
        "PYTHONUNBUFFERED": "1",
    }
    servers = []
    try:
        _manage(["migrate", "--noinput", "-v", "0"], env)
        _manage(["load_demo"], env)
        _manage(["createsuperuser", "--noinput", "--username", "two", "--email", "t@x.cn"], env)
        _manage(["shell", "-c", "from django.core.cache import cache; cache.clear()"], env)
        urls = []
        for index in range(2):
            port = _free_port()
            log_path = root / f"server{index}.log"
            with log_path.open("w") as log:
                server = subprocess.Popen(
                    [
                        *(sys.executable, "-m", "gunicorn", "config.wsgi:application"),
                        *("--bind", f"127.0.0.1:{port}", "--workers", "2"),
                    ],
                    cwd=PROJECT_ROOT,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            servers.append(server)
            urls.append(f"http://127.0.0.1:{port}")
            _wait_until_up(server, urls[-1] + "/honors/", log_path)
        yield urls
    finally:
        for server in servers:
            _stop(server)
        _psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def fetch(url: str) -> tuple[str, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode(), response.headers.get("X-Page-Cache", "")


def test_an_edit_through_one_server_shows_on_the_other_at_once(two_servers, page):
    first, second = two_servers
    listing = f"{second}/honors/?year=2022&level=city"
    body, _ = fetch(listing)
    detail_path = re.search(r'href="(/honors/(\d+)/)"', body)[1]
    honor_id = re.search(r"/honors/(\d+)/", detail_path)[1]
    fetch(second + detail_path)
    body, cache = fetch(second + detail_path)
    assert cache == "hit"  # the other server serves the page from Redis

    deeds = f"兩台服務器共用一份數據 {secrets.token_hex(4)}"
    page.goto(f"{first}/admin/login/?next=/admin/honors/honor/{honor_id}/change/")
    page.fill("#id_username", "two")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.fill("#id_deeds", deeds)
    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_be_visible()

    body, cache = fetch(second + detail_path)
    assert cache == "miss"
    assert "两台服务器共用一份数据" in body  # shown in simplified script, as stored it is not
    body, cache = fetch(second + detail_path)
    assert cache == "hit" and "两台服务器共用一份数据" in body
