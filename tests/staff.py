"""Staff accounts with roles and regions, as create_staff makes them."""

from django.contrib.auth.models import Group, User

from core.models import Region, StaffProfile
from core.roles import GROUP_NAMES


def make_staff(username: str, role: str, region_code: str) -> User:
    user = User.objects.create_user(username, password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
    StaffProfile.objects.create(user=user, region=Region.objects.get(code=region_code))
    return user
