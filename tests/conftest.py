"""Shared fixtures. Tests build what they need with factories (tests/*/factories.py); the
tests that check the demo year itself, or read its records, ask for `demo_year` (media go to a
temporary folder, set in config.settings.test)."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation


@pytest.fixture(scope="session")
def demo_year(django_db_setup, django_db_blocker):
    """The demo year 2022, loaded once per run; each test runs in a transaction on top of it.

    Ask for it with `pytestmark = pytest.mark.usefixtures("demo_year")` (or as an argument):
    a session fixture is set up before the test's transaction begins, so the demo outlives it.
    """
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115


def pytest_collection_modifyitems(items):
    """Tests on factories run first, on an empty database; those on the demo year after them;
    the browser tests last.

    So a test that needs the demo without asking for it fails in every full run, rather
    than passing because an earlier test happened to load it. Playwright's sync API leaves
    an event loop running in the main thread, after which Django refuses database calls
    (SynchronousOnlyOperation): nothing that uses the database runs after it.
    """

    def order(item):
        return (
            item.get_closest_marker("browser") is not None or "/browser/" in str(item.path),
            "demo_year" in getattr(item, "fixturenames", ()),
        )

    items.sort(key=order)


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a request to /en/… leaves English active."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def caching():
    """The page cache on (PUBLIC_CACHE_SECONDS), in the tests' cache, empty before and after."""
    from django.core.cache import cache
    from django.test import override_settings

    cache.clear()
    with override_settings(PUBLIC_CACHE_SECONDS=600):
        yield
    cache.clear()


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client
