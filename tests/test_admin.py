"""Every admin page answers with the demo data, and changelists cost a fixed number of queries."""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db

MODELS = [model for model in admin.site._registry if model._meta.app_label != "auth"]


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_changelist_add_and_change_pages_answer(staff_client, rf, admin_user, model):
    assert staff_client.get(admin_url(model, "changelist")).status_code == 200
    request = rf.get("/")
    request.user = admin_user
    can_add = admin.site._registry[model].has_add_permission(request)  # logs are read-only
    assert staff_client.get(admin_url(model, "add")).status_code == (200 if can_add else 403)
    obj = model.objects.order_by("pk").last()
    if obj is not None:
        assert staff_client.get(admin_url(model, "change", obj.pk)).status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_changelist_search_answers_in_both_scripts(staff_client, model):
    for term in ["濱州", "滨州", "<script>", "%"]:
        response = staff_client.get(admin_url(model, "changelist"), {"q": term})
        assert response.status_code == 200


@pytest.mark.parametrize(
    ("model_label", "small_filter"),
    [
        ("honors.Honor", {"level__exact": "national"}),
        ("families.Family", {"level__exact": "national"}),
        ("programs.Activity", {"kind__exact": "relief"}),
        ("honors.Recipient", {"q": "組宣部"}),
        ("programs.Program", {"focus_area__exact": "reform"}),
        ("core.Region", {"level__exact": "city"}),
        ("programs.StockFigure", {"q": "濱城區"}),
    ],
)
def test_changelist_query_count_does_not_grow_with_rows(staff_client, model_label, small_filter):
    model = next(m for m in MODELS if m._meta.label == model_label)
    url = admin_url(model, "changelist")
    staff_client.get(url)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as few:
        assert staff_client.get(url, small_filter).status_code == 200
    with CaptureQueriesContext(connection) as many:
        assert staff_client.get(url).status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_search_in_simplified_finds_a_name_stored_in_traditional(staff_client):
    from tests.honors.factories import HonorFactory, RecipientFactory

    # The demo is in simplified, as staff type; a record typed in traditional is found too.
    HonorFactory(recipient=RecipientFactory(kind="collective", name="濱州市婦聯權益部", gender=""))
    response = staff_client.get(reverse("admin:honors_honor_changelist"), {"q": "滨州市妇联权益部"})
    assert "濱州市婦聯權益部" in response.content.decode()


def test_program_page_links_to_its_activities_instead_of_listing_hundreds(staff_client):
    from programs.models import Program
    from tests.programs.factories import ActivityFactory, ProgramFactory

    program = ProgramFactory()
    ActivityFactory.create_batch(3, program=program)
    response = staff_client.get(admin_url(Program, "change", program.pk))
    assert f"program__id__exact={program.pk}" in response.content.decode()
    # Only the empty rows for new activities are in the form, not the existing ones (a lecture
    # tour has hundreds a year).
    assert response.context["inline_admin_formsets"][0].formset.initial_form_count() == 0


def test_adding_activities_inline_under_a_program(staff_client):
    from programs.models import Program
    from tests.core.factories import RegionFactory
    from tests.programs.factories import ActivityFactory, ProgramFactory

    program = ProgramFactory()
    ActivityFactory(program=program)
    region = RegionFactory()
    before = program.activities.count()
    url = admin_url(Program, "change", program.pk)
    form = {
        "name": program.name,
        "slug": program.slug,
        "focus_area": program.focus_area,
        "year_start": program.year_start,
        "lead_unit": program.lead_unit,
        "is_published": "on",
        "activities-TOTAL_FORMS": "1",
        "activities-INITIAL_FORMS": "0",
        "activities-MIN_NUM_FORMS": "0",
        "activities-MAX_NUM_FORMS": "1000",
        "activities-0-date": "2023-03-08",
        "activities-0-title": "女性專場招聘會",
        "activities-0-region": region.pk,
        "activities-0-kind": "job_fair",
        "activities-0-sessions": "1",
        "activities-0-people_served": "300",
        "activities-0-amount_yuan": "0",
        "activities-0-jobs_offered": "120",
    }
    response = staff_client.post(url, form)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    assert program.activities.count() == before + 1
