"""Writes of families and family titles. Every door goes through these (core.services
holds the rules they share: scope, workflow fields, authorship, validation, history)."""

from django.db import transaction

from core.services import rederive, save_record
from families.models import Family, FamilyTitle


@transaction.atomic
def save_family_title(title: FamilyTitle, /, *, user, reason: str = "") -> FamilyTitle:
    """Save a title; its families' copy of the rank follows in one UPDATE, and a renamed
    title's families, or one whose order (按姓氏/按姓名笔画) changed, get their keys again."""
    stored = FamilyTitle.objects.filter(pk=title.pk).values_list("name", "name_order").first()
    save_record(title, user=user, reason=reason)
    families = Family.objects.filter(title=title)
    families.exclude(title_rank=title.rank).update(title_rank=title.rank)
    if stored is not None and stored != (title.name, title.name_order):
        rederive(families.select_related("title"), ["stroke_key", "search_text"])
    return title
