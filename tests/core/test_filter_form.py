"""The public lists' filter form: written in Python, as Django's widget templates write it."""

import re

import pytest
from django.forms.renderers import get_default_renderer
from django.urls import reverse

from families.filters import FamilyFilter
from families.models import Family
from honors.filters import HonorFilter
from honors.models import Honor

pytestmark = pytest.mark.django_db


def squeezed(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize(
    ("filterset_class", "model", "data"),
    [
        (HonorFilter, Honor, {}),
        (HonorFilter, Honor, {"year": "2022", "level": "city", "title": "sanba-hongqishou"}),
        (HonorFilter, Honor, {"year": "abc", "region": "999999", "q": '<b>"x"</b>' * 30}),
        (FamilyFilter, Family, {"tier": "model", "type": "nope", "order": "pinyin"}),
    ],
)
def test_each_field_is_what_the_widget_templates_write(filterset_class, model, data):
    form = filterset_class(data, queryset=model.objects.all()).form
    form.is_valid()
    written = [squeezed(str(field)) for field in form]
    form.renderer = get_default_renderer()  # Django's, through its widget templates
    assert written == [squeezed(str(field)) for field in form]


@pytest.mark.parametrize("url", [reverse("honors:list"), reverse("families:list")])
def test_each_select_offers_its_empty_choice_once(client, url):
    for field in client.get(url).context["filter"].form:
        assert str(field).count('<option value=""') <= 1, field.name
