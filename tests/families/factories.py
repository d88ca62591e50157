import factory

from core.models import Level, Status
from families.models import Family, FamilyTitle
from tests.core.factories import RegionFactory


class FamilyTitleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FamilyTitle
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"測試家庭稱號{n}")
    slug = factory.Sequence(lambda n: f"test-family-title-{n}")


class FamilyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Family

    title = factory.SubFactory(FamilyTitleFactory)
    name = factory.Sequence(lambda n: f"李{chr(0x4E00 + n % 2000)}")
    level = Level.COUNTY
    year = 2023
    region = factory.SubFactory(RegionFactory)
    status = Status.CONFERRED
