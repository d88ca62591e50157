"""Browser tests: headless Chromium, driven by Playwright, against a throwaway demo site.

The tests do not use pytest-django's database or its ``live_server``: ``live_server``
flushes every table after each test, which would wipe the demo year that
``tests/conftest.py`` loads once for all the other tests. Instead ``live_site`` builds
its own SQLite database and media folder in a temporary directory, loads the demo into
them with ``manage.py``, and runs ``manage.py runserver`` on a free port.

The whole folder is skipped, with the reason, when Playwright or Chromium is missing.
Playwright never downloads a browser here: it launches the system's ``/usr/bin/chromium``.
"""

import importlib.util
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
PROJECT_ROOT = Path(__file__).resolve().parents[2]
BROWSER_DIR = Path(__file__).resolve().parent
SERVER_START_TIMEOUT = 30  # seconds
COMMAND_TIMEOUT = 120  # seconds, for migrate and load_demo


def _skip_reason() -> str | None:
    if importlib.util.find_spec("playwright") is None:
        return "playwright is not installed: pip install -r requirements-dev.txt"
    if not CHROMIUM.exists():
        return "chromium is not installed: apt-get install chromium"
    return None


SKIP_REASON = _skip_reason()


def pytest_collection_modifyitems(config, items):
    """Skip every test in this folder when the browser or its driver is missing.

    (A module-level ``pytest.skip`` in a conftest works when the whole suite is
    collected, but crashes pytest when the folder is named on the command line.)
    """
    if SKIP_REASON is None:
        return
    marker = pytest.mark.skip(reason=SKIP_REASON)
    for item in items:
        if BROWSER_DIR in Path(item.path).resolve().parents:
            item.add_marker(marker)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def _manage(args: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(
            f"manage.py {' '.join(args)} failed ({result.returncode}):\n"
            f"{result.stdout[-2000:]}\n{result.stderr[-4000:]}",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def live_site_env(tmp_path_factory):
    """The environment of the demo site that ``live_site`` serves (tests that set up
    records run ``manage.py`` with it: ``live_manage``).

    The site always runs on its own SQLite file, whatever the outer ``DATABASE_URL``
    says (CI also runs the suite against PostgreSQL): the browser journey checks the
    interface, which is the same on either engine; the database code is covered by
    the other tests. DEBUG is on so that ``runserver`` serves the uploaded photos.
    The server's log is kept in the temporary directory (``server.log``).
    """
    root = tmp_path_factory.mktemp("live_site")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{root / 'db.sqlite3'}",
        "MEDIA_ROOT": str(root / "media"),
        "DEBUG": "1",
        # A key for this throwaway server, so it does not need the developer's key file.
        "SECRET_KEY": secrets.token_urlsafe(50),
        "PYTHONUNBUFFERED": "1",
    }
    # Nothing the throwaway site does should reach a shared cache or another host list.
    for name in ("REDIS_URL", "ALLOWED_HOSTS"):
        env.pop(name, None)

    _manage(["migrate", "--noinput", "-v", "0"], env)
    _manage(["load_demo"], env)
    return env


@pytest.fixture(scope="session")
def live_manage(live_site_env):
    """Run ``manage.py`` (e.g. ``shell -c``) against the live site's database; returns stdout."""

    def run(*args: str, stdin: str | None = None) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=PROJECT_ROOT,
            env=live_site_env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT,
            check=False,
        )
        if result.returncode != 0:
            pytest.fail(f"manage.py {args[0]} failed:\n{result.stderr[-4000:]}", pytrace=False)
        return result.stdout

    return run


@pytest.fixture(scope="session")
def live_site(live_site_env):
    """The base URL of a demo site served by ``runserver`` for this test session."""
    env = live_site_env
    root = Path(env["MEDIA_ROOT"]).parent
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    log_path = root / "server.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if server.poll() is not None:
                pytest.fail(
                    f"runserver exited with {server.returncode}:\n{_tail(log_path)}",
                    pytrace=False,
                )
            try:
                with urllib.request.urlopen(f"{base_url}/", timeout=2) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    f"runserver did not answer on {base_url} within {SERVER_START_TIMEOUT} s:\n"
                    f"{_tail(log_path)}",
                    pytrace=False,
                )
            time.sleep(0.2)
        yield base_url
    finally:
        _stop(server)


def _stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """The system's Chromium, headless, without a sandbox (CI runs as root in a container)."""
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def base_url(live_site):
    """Relative URLs in ``page.goto`` go to the demo site (replaces pytest-playwright's)."""
    return live_site


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A phone: 390 × 844 CSS pixels at 2×, touch, Chinese."""
    return {
        **browser_context_args,
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
        "locale": "zh-CN",
    }
