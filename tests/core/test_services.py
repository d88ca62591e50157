"""core.services: the rules every write obeys, called directly as the importer, the workflow
and the generators call them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core import services
from core.models import Region, Status
from honors import services as honor_services
from honors.models import Honor, HonorTitle
from tests.honors.factories import HonorFactory, HonorTitleFactory, RecipientFactory
from tests.staff import make_staff

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_year")]


def plain_writer(model):
    def write(new, changed, fields):
        model.objects.bulk_create(new)
        model.objects.bulk_update(changed, fields)

    return write


@pytest.fixture
def editor_602():
    return make_staff("e602", "editor", "371602")


def test_bulk_save_refuses_a_stored_record_of_another_county(editor_602):
    other = HonorFactory(region=Region.objects.get(code="371603"), status=Status.DRAFT)
    other.region = Region.objects.get(code="371602")  # "moved" into her own county
    with pytest.raises(PermissionDenied):
        services.bulk_save(
            Honor,
            [],
            [other],
            ["region"],
            user=editor_602,
            reason="导入",
            writer=plain_writer(Honor),
        )
    assert Honor.objects.get(pk=other.pk).region.code == "371603"


def test_bulk_save_enters_new_records_as_drafts_and_never_updates_a_status(editor_602):
    region = Region.objects.get(code="371602")
    stored = HonorFactory(region=region, status=Status.CONFERRED)
    stored.status, stored.deeds = Status.DRAFT, "新事迹"
    new = HonorFactory.build(
        region=region, status=Status.CONFERRED, recipient=RecipientFactory(), title=stored.title
    )
    services.bulk_save(
        Honor,
        [new],
        [stored],
        ["deeds", "status"],
        user=editor_602,
        reason="导入",
        writer=plain_writer(Honor),
    )
    assert Honor.objects.get(pk=stored.pk).status == Status.CONFERRED
    assert Honor.objects.get(pk=stored.pk).deeds == "新事迹"
    created = Honor.objects.get(recipient=new.recipient)
    assert created.status == Status.DRAFT and created.created_by == editor_602
    assert created.stroke_key  # keys derived


def test_save_record_validates_before_writing():
    honor = HonorFactory.build(
        region=Region.objects.get(code="371602"), recipient=RecipientFactory(), year=1800
    )
    honor.title.save()
    with pytest.raises(ValidationError):
        honor_services.save_honor(honor, user=None)
    assert not Honor.objects.filter(recipient=honor.recipient).exists()


def test_a_renamed_title_reaches_its_honours_in_the_service():
    title = HonorTitleFactory()
    honor = HonorFactory(title=title)
    title.name, title.rank = "新称号名", 7
    honor_services.save_honor_title(title, user=None)
    honor.refresh_from_db()
    assert honor.title_rank == 7 and "新称号名" in honor.search_text
    assert HonorTitle.objects.get(pk=title.pk).name == "新称号名"


def test_a_renamed_recipient_reaches_her_honours(editor_602):
    honor = HonorFactory(region=Region.objects.get(code="371602"))
    recipient = honor.recipient
    recipient.name = "欧阳娜娜"
    honor_services.save_recipient(recipient, user=editor_602)
    honor.refresh_from_db()
    assert honor.stroke_key == recipient.stroke_key and "欧阳娜娜" in honor.search_text


def test_the_generators_door_writes_records_as_they_stand_with_their_keys():
    region = Region.objects.get(code="371602")
    title = HonorTitleFactory()
    recipient = RecipientFactory.build(name="欧阳娜娜")
    services.insert_generated(type(recipient), [recipient])
    honor = HonorFactory.build(
        region=region, title=title, recipient=recipient, status=Status.CONFERRED
    )
    honor.stroke_key = honor.search_text = ""
    services.insert_generated(Honor, [honor])
    stored = Honor.objects.get(pk=honor.pk)
    assert stored.status == Status.CONFERRED  # an import would have made it a draft
    assert stored.stroke_key and "欧阳娜娜" in stored.search_text  # keys derived
    assert not stored.history.exists()  # nobody entered it: no history rows


def test_only_the_operator_writes_records_as_they_stand(editor_602):
    honor = HonorFactory.build(
        region=Region.objects.get(code="371602"),
        recipient=RecipientFactory(),
        status=Status.CONFERRED,
    )
    honor.title.save()
    with pytest.raises(PermissionDenied):
        services.save_record(honor, user=editor_602, keep_workflow=True)
    with pytest.raises(PermissionDenied):
        services.bulk_save(
            Honor,
            [honor],
            [],
            [],
            user=editor_602,
            reason="",
            writer=plain_writer(Honor),
            keep_workflow=True,
        )
    assert not Honor.objects.filter(recipient=honor.recipient).exists()
