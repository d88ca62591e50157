"""Staff scoping: an account works in one region's subtree, and every door checks it.

Superusers work everywhere. A staff account with a profile works in its region
and everything below it; a staff account without one sees nothing, which is the
safe default for an account created by hand and not yet given a region.

A record says where it belongs with `scope_regions()` (an honour: its region; a
recipient: the regions of her honours; a program: none, so it is the city's) and
its queryset with `in_region(region)`. An account may see a record when one of
its regions is in her subtree, and write it only when all of them are: a county
must not rename a person another county has honoured too.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from core.models import Region, StaffProfile

# A path no region has: an account without a region matches nothing.
NOWHERE = Region(code="", name="", path="-/")  # region paths are digits and slashes


class OutOfScope(PermissionDenied):
    """A write of a record outside the account's region; the message is for the user."""


def staff_region(user) -> Region | None:
    """The root of the subtree this user may work in; None means the whole tree."""
    if user is None:
        return None  # the operator, running a management command
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
    """May this user work on a record counted in `region` (None: the city as a whole)?"""
    scope = staff_region(user)
    if scope is None:
        return True
    return region is not None and region.path.startswith(scope.path)


def regions_of(record) -> list:
    # Reference data (titles, kinds) has no regions of its own: it is the city's.
    return record.scope_regions() if hasattr(record, "scope_regions") else []


def may_view(user, record) -> bool:
    return any(in_scope(user, region) for region in regions_of(record) or [None])


def may_write(user, record) -> bool:
    return all(in_scope(user, region) for region in regions_of(record) or [None])


def check_may_write(user, record) -> None:
    if not may_write(user, record):
        raise OutOfScope(_("该记录属于其他地区，您不能修改。"))


def scope_queryset(queryset, user):
    """The records of `queryset` this user may see: its model's `in_region` over her subtree."""
    scope = staff_region(user)
    if scope is None:
        return queryset
    return queryset.in_region(scope)
