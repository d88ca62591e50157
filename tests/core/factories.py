import factory

from core.models import Region


class RegionFactory(factory.django.DjangoModelFactory):
    """A test city (codes starting 99, far from the demo's 3716…) unless a parent is given."""

    class Meta:
        model = Region
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"99{n:04d}")
    name = factory.Sequence(lambda n: f"測試市{n}")
    level = Region.Level.CITY
    parent = None


class CountyFactory(RegionFactory):
    level = Region.Level.COUNTY
    parent = factory.SubFactory(RegionFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.parent.code[:4]}{n % 100:02d}")
    name = factory.Sequence(lambda n: f"測試縣{n}")
