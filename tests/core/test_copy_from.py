"""New records by COPY FROM (PostgreSQL): written whole with their history, refused as
Django's IntegrityError when the database says no (the importer reports that, no 500)."""

import pytest
from django.db import IntegrityError, connection, transaction

from core import copy_from
from core.validators import id_number_check_char
from honors.models import Recipient
from tests.honors.factories import RecipientFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY FROM is PostgreSQL's"),
]


def new_recipient(name: str, id_number: str = "") -> Recipient:
    recipient = Recipient(kind="individual", name=name, gender="female", id_number=id_number)
    recipient.derive_keys()
    return recipient


def test_records_get_keys_and_a_history_row_each(admin_user):
    recipients = [new_recipient("甲秀英"), new_recipient("乙秀英")]
    copy_from.insert_with_history(Recipient, recipients, user=admin_user, reason="导入")
    assert all(r.pk for r in recipients)
    stored = Recipient.objects.get(pk=recipients[0].pk)
    assert stored.stroke_key == recipients[0].stroke_key and stored.created_at is not None
    history = stored.history.get()
    assert (history.history_type, history.history_user, history.name) == ("+", admin_user, "甲秀英")


def test_a_refused_row_is_an_integrity_error_and_nothing_stays(admin_user):
    first17 = "37160219800308002"
    taken = RecipientFactory(id_number=first17 + id_number_check_char(first17)).id_number
    before = Recipient.objects.count()
    with pytest.raises(IntegrityError), transaction.atomic():
        copy_from.insert_with_history(
            Recipient,
            [new_recipient("丙秀英"), new_recipient("丁秀英", taken)],
            user=admin_user,
            reason="导入",
        )
    assert Recipient.objects.count() == before
