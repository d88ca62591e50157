"""Staff scoping: an account works in one region's subtree, and every door checks it.

Superusers work everywhere. A staff account with a profile works in its region
and everything below it; a staff account without one sees nothing, which is the
safe default for an account created by hand and not yet given a region.
"""

from core.models import Region, StaffProfile

# A path no region has: an account without a region matches nothing.
NOWHERE = Region(code="", name="", path="-/")  # region paths are digits and slashes


def staff_region(user) -> Region | None:
    """The root of the subtree this user may work in; None means the whole tree."""
    if not user.is_authenticated:
        return NOWHERE
    if user.is_superuser:
        return None
    cached = getattr(user, "_staff_region", False)
    if cached is not False:
        return cached
    profile = StaffProfile.objects.select_related("region").filter(user_id=user.pk).first()
    region = profile.region if profile else NOWHERE
    if region is not NOWHERE and region.parent_id is None:
        region = None  # the city's own staff work everywhere
    user._staff_region = region
    return region


def in_scope(user, region: Region | None) -> bool:
    """May this user work on a record counted in `region`?"""
    scope = staff_region(user)
    if scope is None:
        return True
    return region is not None and region.path.startswith(scope.path)


def scope_queryset(queryset, user, path_field: str = "region__path"):
    scope = staff_region(user)
    if scope is None:
        return queryset
    return queryset.filter(**{f"{path_field}__startswith": scope.path})
