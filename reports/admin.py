from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.models import Level
from reports.models import Figure


class FigureForm(forms.ModelForm):
    honor_levels = forms.MultipleChoiceField(
        label=_("表彰级别"),
        choices=Level.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("不选为全部级别。"),
    )
    family_levels = forms.MultipleChoiceField(
        label=_("家庭称号级别"),
        choices=Level.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("不选为全部级别。"),
    )

    class Meta:
        model = Figure
        fields = [
            "focus_area",
            "position",
            "label",
            "unit",
            "phrase",
            "continues_sentence",
            "is_published",
            "source",
            "measure",
            "programs",
            "activity_kind",
            "stock_kind",
            "honor_titles",
            "honor_levels",
            "honor_channel",
            "family_titles",
            "family_levels",
            "rounding_step",
            "in_wan",
        ]


@admin.register(Figure)
class FigureAdmin(admin.ModelAdmin):
    """Staff define the report's figures here: what they count and how they are written."""

    form = FigureForm
    list_display = ["label", "focus_area", "position", "source", "measure", "unit", "is_published"]
    list_editable = ["position", "is_published"]
    list_filter = ["focus_area", "source", "is_published"]
    search_fields = ["label", "phrase"]
    list_select_related = ["stock_kind"]
    filter_horizontal = ["programs", "honor_titles", "family_titles"]
    autocomplete_fields = ["stock_kind"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "focus_area",
                    "position",
                    "label",
                    "label_en",
                    "unit",
                    "unit_en",
                    "phrase",
                    "continues_sentence",
                    "is_published",
                ]
            },
        ),
        (_("统计什么"), {"fields": ["source", "measure"]}),
        (_("活动"), {"fields": ["programs", "activity_kind"]}),
        (_("存量指标"), {"fields": ["stock_kind"]}),
        (_("表彰"), {"fields": ["honor_titles", "honor_levels", "honor_channel"]}),
        (_("家庭"), {"fields": ["family_titles", "family_levels"]}),
        (_("写法"), {"fields": ["rounding_step", "in_wan"]}),
    ]
