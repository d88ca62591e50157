"""Shared fixtures: the demo year in the test database (media go to a temporary folder,
set in config.settings.test)."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo year once per test run; each test runs in a transaction on top of it."""
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a request to /en/… leaves English active."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client
