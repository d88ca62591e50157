import secrets
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.models import Region, StaffProfile
from core.roles import ADMIN, EDITOR, GROUP_NAMES, REVIEWER


class Command(BaseCommand):
    help = "Create a staff account with a role and a region, and print its password."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=[EDITOR, REVIEWER, ADMIN])
        parser.add_argument("--region", required=True, help="region code, e.g. 371602")
        parser.add_argument(
            "--password-from-stdin", action="store_true", help="read the password from stdin"
        )

    def handle(self, *args, username, role, region, password_from_stdin, **options):
        """The account works in the region's subtree with the role's group of permissions."""
        region_obj = Region.objects.filter(code=region).first()
        if region_obj is None:
            raise CommandError(f"没有代码为 {region} 的地区。")
        user_model = get_user_model()
        if user_model.objects.filter(username=username).exists():
            raise CommandError(f"用户 {username} 已存在。")
        if password_from_stdin:
            password = sys.stdin.readline().rstrip("\n")
            try:
                validate_password(password)
            except ValidationError as error:
                raise CommandError("；".join(error.messages)) from None
        else:
            password = secrets.token_urlsafe(12)
        with transaction.atomic():
            user = user_model.objects.create_user(username, password=password, is_staff=True)
            user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
            StaffProfile.objects.create(user=user, region=region_obj)
        self.stdout.write(f"已创建 {username}（{GROUP_NAMES[role]}，{region_obj.name}）")
        if not password_from_stdin:
            self.stdout.write(f"密码：{password}")
