"""Shared fixtures: the demo year in the test database (media go to a temporary folder,
set in config.settings.test)."""

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo year once per test run; each test runs in a transaction on top of it."""
    with django_db_blocker.unblock():
        call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client
