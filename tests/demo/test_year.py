"""The demo year reproduces the 2022 report's figures from records (DOMAIN.md's table),
written in simplified characters with the official traditional forms of names beside them."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Count, Q, Sum
from opencc import OpenCC

from core.models import Level, Region
from families.models import Family, FamilyTitle
from honors.models import Honor, HonorTitle, Recipient
from programs.models import Activity, Program, StockFigure, StockKind
from reports.models import Figure

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_year")]

YEAR = 2022
HIGHER = [Level.PROVINCIAL, Level.NATIONAL]


def activities(program_slugs, kind=None):
    qs = Activity.objects.filter(program__slug__in=program_slugs, date__year=YEAR)
    return qs.filter(kind=kind) if kind else qs


def totals(qs):
    return qs.aggregate(
        sessions=Sum("sessions"),
        people=Sum("people_served"),
        amount=Sum("amount_yuan"),
        jobs=Sum("jobs_offered"),
    )


def honors(*slugs, levels=(Level.CITY,)):
    return Honor.objects.public().filter(title__slug__in=slugs, level__in=levels, year=YEAR)


def stock(slug):
    return StockFigure.objects.filter(kind__slug=slug, year=YEAR).aggregate(
        value=Sum("value"), total=Sum("total")
    )


def test_area1_lectures_762_sessions_reaching_75500():
    figures = totals(activities(["xin-xiang-dang"], "lecture"))
    assert (figures["sessions"], figures["people"]) == (762, 75_500)


def test_area1_sanba_honours_11_higher_and_180_city():
    sanba = ["sanba-hongqishou", "sanba-hongqi-jiti"]
    assert honors(*sanba, levels=HIGHER).filter(channel="recommended").count() == 11
    assert honors(*sanba).filter(channel="conferred").count() == 180
    assert honors("zuimei-jiceng-fulianren", "zuimei-jiceng-fulian-zuzhi").count() == 40


def test_area2_training_loans_stars_villages_jobs():
    trained = totals(activities(["baiming-nuganbu", "huanghe-training"], "training"))
    assert trained["people"] == 39_000
    assert honors("huanghe-renjia-jingpincun").count() == 20
    assert totals(activities(["huiqi-dai"], "loan"))["amount"] == Decimal(15_000_000)
    assert honors("keji-chuangxin-zhixing").count() == 20
    fairs = totals(activities(["chufeng"], "job_fair"))
    assert fairs["sessions"] == 13 and 8_700 <= fairs["jobs"] < 8_800


def test_area2_rural_trainings_volunteer_trips_and_women_served():
    rural = ["xiangcun-zhenxing"]
    assert totals(activities(rural, "training"))["sessions"] == 72
    assert totals(activities(rural, "volunteer"))["sessions"] == 115
    assert totals(activities(rural))["people"] == 58_800
    assert stock("studios")["value"] == 8


def test_area2_courtyards_167275_at_38_1_percent_and_city_named():
    courtyards = stock("courtyards")
    assert courtyards["value"] == 167_275
    assert round(courtyards["value"] / courtyards["total"] * 100, 1) == 38.1
    assert (
        Family.objects.public()
        .filter(title__slug="meili-tingyuan-shifanhu", level=Level.CITY, year=YEAR)
        .count()
        == 2_000
    )
    assert honors("meili-tingyuan-biaogancun").count() == 30


def test_area3_role_models_promotion_and_exhibitions():
    role_models = (
        Family.objects.public().filter(year=YEAR).exclude(title__slug="meili-tingyuan-shifanhu")
    )
    assert 11_650 <= role_models.count() < 11_750  # 1.17萬戶(人)
    assert 600 <= totals(activities(["jiating-jiaoyu-2411"], "promotion"))["sessions"] < 700
    assert 350 <= totals(activities(["hao-jiafeng-xunzhan"], "exhibition"))["sessions"] < 400


def test_area4_rights_and_care():
    chunlei = totals(activities(["qilu-run-chunlei"]))
    assert 1_300_000 <= chunlei["amount"] < 1_400_000 and 3_800 <= chunlei["people"] < 3_900
    daycare = totals(activities(["shaoer-tuoguan"], "daycare"))
    assert 70 <= daycare["sessions"] < 80 and daycare["people"] == 2_000
    assert stock("child-friendly")["value"] == 25
    assert totals(activities(["liang-ai-jiancha"], "screening"))["people"] == 111_300
    relief = totals(activities(["liang-ai-jiuzhu"], "relief"))
    assert (relief["people"], relief["amount"]) == (190, Decimal(1_120_000))


def test_area5_reform():
    assert stock("new-federations")["value"] == 220
    assert 11_000 <= stock("women-homes")["value"] < 12_000
    trainings = totals(activities(["zhiwei-peixun"], "training"))
    assert (trainings["sessions"], trainings["people"]) == (296, 21_700)
    assert 18_000 <= stock("projects-led")["value"] < 19_000
    assert 20_000 <= stock("deeds-done")["value"] < 21_000
    assert stock("homes-upgraded")["value"] == 13


def test_the_federations_own_department_is_a_provincial_advanced_collective():
    honor = Honor.objects.get(recipient__name="滨州市妇联组宣部")
    assert (honor.level, honor.title.name) == (Level.PROVINCIAL, "妇女儿童工作先进集体")


def test_region_tree_has_the_seven_divisions_and_two_zones_with_their_codes():
    city = Region.objects.get(code="371600")
    codes = set(city.children.values_list("code", flat=True))
    assert {"371602", "371603", "371621", "371622", "371623", "371625", "371681"} <= codes
    assert Region.objects.filter(level="zone", parent=city).count() == 2
    assert Region.objects.subtree(city).filter(level="village").exists()


def test_every_activity_and_honour_counts_towards_a_region_inside_the_city():
    city = Region.objects.get(code="371600")
    assert (
        not Activity.objects.exclude(region__path__startswith=city.path)
        .filter(date__year=YEAR)
        .exists()
    )
    assert not Honor.objects.filter(year=YEAR).exclude(region__path__startswith=city.path).exists()


def test_people_honoured_have_valid_private_fields_and_no_duplicates():
    individuals = Recipient.objects.filter(kind="individual", honors__year=YEAR)
    for recipient in individuals[:50]:
        recipient.full_clean()  # ID numbers pass the GB 11643 check
    assert (
        not Recipient.objects.values("id_number")
        .exclude(id_number="")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .exists()
    )


def test_load_demo_twice_changes_nothing():
    def counts():
        return [m.objects.count() for m in (Region, Program, Activity, Honor, Recipient, Family)]

    before = counts()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts() == before


def test_demo_published_programs_span_all_five_focus_areas():
    areas = Program.objects.public().aggregate(n=Count("focus_area", distinct=True))["n"]
    assert areas == 5
    assert not Activity.objects.filter(~Q(program__is_published=True)).exists()


# --- the script: simplified as the federation writes, traditional forms typed beside names

_to_simplified = OpenCC("t2s")


def simplified_already(value: str) -> bool:
    return _to_simplified.convert(value) == value


def test_every_string_the_demo_writes_is_simplified():
    stored = [
        *Region.objects.values_list("name", flat=True),
        *HonorTitle.objects.values_list("name", flat=True),
        *FamilyTitle.objects.values_list("name", flat=True),
        *Program.objects.values_list("name", "lead_unit", "partner_units", "description"),
        *Activity.objects.values_list("title", flat=True).distinct(),
        *Recipient.objects.values_list("name", flat=True),
        *Honor.objects.values_list("unit", "post", "deeds", "conferring_body", "document_number"),
        *Family.objects.values_list("name", "members", "story", "address", "conferring_body"),
        *StockKind.objects.values_list("name", "unit", "total_label"),
        *Figure.objects.values_list("label", "unit", "phrase"),
    ]
    values = [v for row in stored for v in (row if isinstance(row, tuple) else (row,)) if v]
    assert len(values) > 20_000
    assert [v for v in values if not simplified_already(v)] == []
    assert Region.objects.get(code="371602").name == "滨城区"


def test_names_never_pass_through_a_converter():
    # s2t turns the surnames 于, 余, 范, 游 into 於, 餘, 範, 遊 (the old demo's 餘金鳳, 遊晨).
    names = [
        *Family.objects.values_list("name", flat=True),
        *Recipient.objects.filter(kind="individual").values_list("name", flat=True),
    ]
    surnames = {name[0] for name in names}
    assert {"于", "余", "范"} <= surnames
    assert not {"於", "餘", "範", "遊", "鍾", "幹"} & surnames


def test_region_and_title_names_carry_their_official_traditional_form():
    regions = dict(Region.objects.values_list("name", "name_hant"))
    assert regions["沾化区"] == "沾化區"  # not 霑化區, as s2t writes it
    assert regions["滨城区"] == "濱城區"
    assert regions["邹平市"] == "鄒平市"
    assert regions["滨州市"] == "濱州市"
    assert HonorTitle.objects.get(slug="sanba-hongqishou").name_hant == "三八紅旗手"
    assert FamilyTitle.objects.get(slug="hao-xifu").name_hant == "好媳婦"
    assert Program.objects.get(slug="chufeng").name_hant == "「雛鳳」計劃"
    assert Figure.objects.get(label="少儿公益托管班").label_hant == "少兒公益託管班"
    for model, field in [
        (Region, "name_hant"),
        (HonorTitle, "name_hant"),
        (FamilyTitle, "name_hant"),
        (Program, "name_hant"),
        (Figure, "label_hant"),
    ]:
        assert not model.objects.filter(**{field: ""}).exists(), model
        # The traditional form is the same name: it reads back to the simplified one
        # (except for quotation marks, which each script writes its own way).
        for name, hant in model.objects.values_list(field.removesuffix("_hant"), field):
            assert _to_simplified.convert(hant).replace("「", "“").replace("」", "”") == name
