"""Reads of honours that the public pages share."""

from django.db.models import Case, F, QuerySet, Value, When

from core.filters import order_by_keys
from honors.models import Honor, RecipientKind

# 按姓氏笔画 groups by title, then orders by surname strokes (the official list order).
HONOR_ORDERS = {
    "strokes": ["title_rank", "stroke_key", "-year", "pk"],
    "pinyin": ["title_rank", "recipient__pinyin_key", "-year", "pk"],
    "-year": ["-year", "title_rank", "stroke_key", "pk"],
}


def ordered(queryset: QuerySet, order: str) -> QuerySet:
    return order_by_keys(queryset, HONOR_ORDERS.get(order, HONOR_ORDERS["strokes"]))


def public_honors() -> QuerySet:
    """Conferred honours with what a list row shows, in the official order."""
    queryset = Honor.objects.public().select_related("title", "recipient", "region")
    return ordered(queryset, "strokes")


def other_public_honors(honor: Honor) -> QuerySet:
    """The same recipient's other conferred honours, newest first."""
    return (
        Honor.objects.public()
        .filter(recipient_id=honor.recipient_id)
        .exclude(pk=honor.pk)
        .select_related("title")
        .order_by("-year", "title__rank")
    )


def roll_order(queryset: QuerySet) -> QuerySet:
    """The official list's order: by title, then people by surname strokes and collectives
    as entered, since collectives are not ordered by strokes (build_roll then groups both
    by county, in the federation's order of its counties)."""
    individuals_by_strokes = Case(
        When(recipient__kind=RecipientKind.COLLECTIVE, then=Value("")), default=F("stroke_key")
    )
    return queryset.order_by("title_rank", individuals_by_strokes, "pk")


def honors_in_notice(today) -> QuerySet:
    """Honours in public notice (公示) today, the soonest-ending first."""
    return (
        Honor.objects.in_notice(today)
        .select_related("title", "recipient", "region")
        .order_by("notice_end", "title__rank", "recipient__stroke_key")
    )


def honors_of_notice(*, title_slug: str, year: int, level: str, start) -> QuerySet:
    """The honours one 公示 document lists (RecognitionQuerySet.of_notice)."""
    notice = {"title_slug": title_slug, "year": year, "level": level, "start": start}
    return Honor.objects.of_notice(**notice).select_related("title", "recipient", "region")


def honor_in_notice(pk: int, today):
    """The honour `pk` if it is in public notice today (what an objection may name)."""
    return Honor.objects.in_notice(today).select_related("title", "recipient").filter(pk=pk).first()
