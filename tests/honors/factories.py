import factory

from core.models import Level, Status
from honors.models import Honor, HonorTitle, Recipient, RecipientKind
from tests.core.factories import RegionFactory


class HonorTitleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HonorTitle
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"測試稱號{n}")
    slug = factory.Sequence(lambda n: f"test-title-{n}")
    recipient_kind = RecipientKind.INDIVIDUAL


class RecipientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recipient

    kind = RecipientKind.INDIVIDUAL
    name = factory.Sequence(lambda n: f"王{chr(0x4E00 + n % 2000)}{chr(0x4E00 + n // 2000)}")
    gender = "female"


class HonorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Honor

    title = factory.SubFactory(HonorTitleFactory)
    recipient = factory.SubFactory(RecipientFactory)
    level = Level.CITY
    year = 2023
    region = factory.SubFactory(RegionFactory)
    conferring_body = "測試市婦聯"
    status = Status.CONFERRED
