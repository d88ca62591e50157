import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.models import Status
from core.text import normalize_for_search
from honors.models import Recipient
from honors.services import save_recipient
from honors.tabular import roll_entry
from tests.honors.factories import HonorFactory, RecipientFactory

pytestmark = pytest.mark.django_db


def test_recipient_keys_sort_by_surname_strokes_and_search_both_scripts():
    wang, liu = RecipientFactory(name="王芳"), RecipientFactory(name="劉芳")
    assert wang.stroke_key < liu.stroke_key  # 王 4 strokes, 劉 15
    assert liu.search_text == "刘芳 liufang"  # with its pinyin, for English readers


def test_a_collective_cannot_carry_a_gender_or_id_number():
    with pytest.raises(IntegrityError), transaction.atomic():
        Recipient.objects.create(kind="collective", name="某某婦聯", gender="female")


def test_an_individual_needs_a_gender():
    with pytest.raises(IntegrityError), transaction.atomic():
        Recipient.objects.create(kind="individual", name="張三", gender="")


def test_id_numbers_are_unique_but_blank_ones_are_not():
    RecipientFactory(id_number="11010519491231002X")
    RecipientFactory(id_number="")
    RecipientFactory(id_number="")
    with pytest.raises(IntegrityError), transaction.atomic():
        RecipientFactory(id_number="11010519491231002X")


def test_full_clean_refuses_a_bad_check_digit():
    recipient = RecipientFactory.build(id_number="110105194912310021")
    with pytest.raises(ValidationError) as error:
        recipient.full_clean()
    assert "id_number" in error.value.message_dict


def test_one_recipient_receives_one_title_once_per_level_and_year():
    honor = HonorFactory()
    HonorFactory(recipient=honor.recipient, title=honor.title, year=honor.year + 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        HonorFactory(recipient=honor.recipient, title=honor.title, year=honor.year)


def test_a_person_honoured_in_several_years_is_one_recipient():
    first = HonorFactory(year=2021)
    HonorFactory(recipient=first.recipient, year=2023)
    assert first.recipient.honors.count() == 2


def test_revoking_needs_a_reason():
    with pytest.raises(IntegrityError), transaction.atomic():
        HonorFactory(status=Status.REVOKED, revoked_reason="")


def test_public_notice_needs_its_dates_in_order():
    with pytest.raises(IntegrityError), transaction.atomic():
        HonorFactory(status=Status.NOTICE)
    with pytest.raises(IntegrityError), transaction.atomic():
        HonorFactory(
            status=Status.NOTICE,
            notice_start=datetime.date(2023, 3, 1),
            notice_end=datetime.date(2023, 2, 20),
        )


def test_year_before_1949_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        HonorFactory(year=1900)


def test_only_conferred_honours_are_public():
    conferred, draft = HonorFactory(), HonorFactory(status=Status.DRAFT)
    public = set(type(conferred).objects.public())
    assert conferred in public and draft not in public


def test_search_text_covers_name_unit_post_title_and_deeds():
    honor = HonorFactory(unit="濱城區婦聯", post="主席", deeds="帶領婦女致富")
    for word in ["滨城区妇联", "主席", "带领妇女", honor.recipient.name, honor.title.name]:
        assert normalize_for_search(word) in honor.search_text


def test_han_is_never_printed_typing_it_equals_leaving_it_empty():
    for typed in ["汉族", "漢族", " 汉 "]:
        recipient = save_recipient(RecipientFactory.build(name="王芳", ethnicity=typed), user=None)
        assert recipient.ethnicity == ""
        assert "汉" not in roll_entry(HonorFactory(recipient=recipient))
    hui = save_recipient(RecipientFactory.build(name="马兰", ethnicity="回族"), user=None)
    assert "（回族）" in roll_entry(HonorFactory(recipient=hui))
