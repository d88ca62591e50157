"""The replica router: visitors' public reads on the replica; staff, writes and what follows a
write on the primary. The "replica" alias of the test settings mirrors the test database."""

import pytest
from django.db import connections
from django.urls import reverse

from core import replica
from core.models import Region
from honors.models import Honor

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("demo_year"),
]


@pytest.fixture(autouse=True)
def reads(settings, monkeypatch):
    """The router's answers for ORM reads, in order, with the replica switched on.

    The replica alias is given the primary's connection: a mirror's own connection would
    not see what the test wrote in its transaction (and SQLite would lock it out).
    """
    settings.READ_REPLICA_ALIAS = "replica"
    mirror = connections["replica"]
    connections["replica"] = connections["default"]
    answers = []
    decide = replica.PrimaryReplicaRouter.db_for_read

    def recorded(self, model, **hints):
        answers.append(decide(self, model, **hints))
        return answers[-1]

    monkeypatch.setattr(replica.PrimaryReplicaRouter, "db_for_read", recorded)
    yield answers
    connections["replica"] = mirror


def test_a_visitors_public_page_reads_the_replica(client, reads):
    assert client.get(reverse("honors:list")).status_code == 200
    assert reads and set(reads) == {"replica"}


def test_staff_read_the_primary_on_public_pages_too(staff_client, reads):
    assert staff_client.get(reverse("honors:list")).status_code == 200
    assert reads and set(reads) == {"default"}


def test_the_admin_reads_the_primary(staff_client, reads):
    assert staff_client.get(reverse("admin:honors_honor_changelist")).status_code == 200
    assert reads and set(reads) == {"default"}


def test_a_form_sent_by_a_visitor_reads_the_primary(client, reads):
    client.post(reverse("admin:login"), {"username": "nobody", "password": "x"})
    assert reads and set(reads) == {"default"}


def test_a_browser_that_wrote_reads_the_primary_for_a_while(client, admin_user, reads):
    response = client.post(reverse("admin:login"), {"username": "admin", "password": "password"})
    assert response.status_code == 302  # logging in wrote its session and last_login
    assert int(response.cookies[replica.STICKY_COOKIE]["max-age"]) > 0
    client.logout()
    client.cookies[replica.STICKY_COOKIE] = "1"
    reads.clear()
    assert client.get(reverse("honors:list")).status_code == 200
    assert reads and set(reads) == {"default"}


def test_reads_after_a_write_in_the_same_request_go_to_the_primary():
    with replica.reading(replica=True) as state:
        assert Honor.objects.all().db == "replica"
        Region.objects.filter(pk=-1).update(name="x")  # any write
        assert state.wrote
        assert Honor.objects.all().db == "default"


def test_without_a_replica_everything_reads_the_primary(settings, client, admin_user, reads):
    settings.READ_REPLICA_ALIAS = ""
    with replica.reading(replica=True):
        assert Honor.objects.all().db == "default"
    assert client.get(reverse("honors:list")).status_code == 200
    assert set(reads) == {"default"}
    response = client.post(reverse("admin:login"), {"username": "admin", "password": "password"})
    assert replica.STICKY_COOKIE not in response.cookies


def test_outside_a_request_reads_the_primary():
    assert Honor.objects.all().db == "default"  # commands, the worker, the shell
