"""Reads of families that the public pages share."""

from django.db.models import Prefetch, QuerySet

from core.filters import order_by_keys
from families.models import Family, FamilyPhoto

FAMILY_ORDERS = {
    "strokes": ["title_rank", "stroke_key", "-year", "pk"],
    "pinyin": ["title_rank", "pinyin_key", "-year", "pk"],
    "-year": ["-year", "title_rank", "stroke_key", "pk"],
}


def ordered(queryset: QuerySet, order: str) -> QuerySet:
    return order_by_keys(queryset, FAMILY_ORDERS.get(order, FAMILY_ORDERS["strokes"]))


def public_families() -> QuerySet:
    """Conferred families with their title, region and photos (one query for all photos)."""
    queryset = (
        Family.objects.public()
        .select_related("title", "region")
        .prefetch_related(Prefetch("photos", queryset=FamilyPhoto.objects.order_by("position")))
    )
    return ordered(queryset, "strokes")


def featured_families(limit: int = 6) -> QuerySet:
    """Families with photos from the latest year, for the front page."""
    return public_families().filter(photos__isnull=False).distinct().order_by("-year", "pk")[:limit]


def roll_order(queryset: QuerySet) -> QuerySet:
    """The official list's order: by title, then surname strokes (build_roll groups counties)."""
    return queryset.order_by("title_rank", "stroke_key", "pk")


def families_in_notice(today) -> QuerySet:
    """Families in public notice (公示) today, the soonest-ending first."""
    return (
        Family.objects.in_notice(today)
        .select_related("title", "region")
        .order_by("notice_end", "title__rank", "stroke_key")
    )


def families_of_notice(*, title_slug: str, year: int, level: str, start) -> QuerySet:
    """The families one 公示 document lists (RecognitionQuerySet.of_notice)."""
    notice = {"title_slug": title_slug, "year": year, "level": level, "start": start}
    return Family.objects.of_notice(**notice).select_related("title", "region")


def family_in_notice(pk: int, today):
    """The family `pk` if it is in public notice today."""
    return Family.objects.in_notice(today).select_related("title").filter(pk=pk).first()
