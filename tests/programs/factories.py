import datetime

import factory

from programs.models import Activity, FocusArea, Program, StockKind
from tests.core.factories import RegionFactory


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    name = factory.Sequence(lambda n: f"測試項目{n}")
    slug = factory.Sequence(lambda n: f"test-program-{n}")
    focus_area = FocusArea.GUIDANCE
    year_start = 2023
    lead_unit = "測試市婦聯"
    is_published = True


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    program = factory.SubFactory(ProgramFactory)
    title = factory.Sequence(lambda n: f"測試活動{n}")
    date = datetime.date(2023, 3, 8)
    region = factory.SubFactory(RegionFactory)
    kind = "lecture"
    is_published = True


class StockKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StockKind

    name = factory.Sequence(lambda n: f"測試指標{n}")
    slug = factory.Sequence(lambda n: f"test-stock-{n}")
    unit = "個"
    focus_area = FocusArea.REFORM
