"""Writes of families and family titles. Every door goes through these (core.services
holds the rules they share: scope, workflow fields, authorship, validation, history)."""

from core.services import save_title
from families.models import Family, FamilyTitle


def save_family_title(title: FamilyTitle, /, *, user, reason: str = "") -> FamilyTitle:
    """Save a title; its families' copies of its rank and keys follow (core.services)."""
    families = Family.objects.filter(title=title).select_related("title")
    return save_title(title, families, user=user, reason=reason)
