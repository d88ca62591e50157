import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

USERNAME = "demo-admin"


class Command(BaseCommand):
    help = "Create the local demo administrator once and print its login (DEBUG only)."

    def handle(self, *args, **options):
        """Keep the generated password in a git-ignored file so every `make run` can print it."""
        if not settings.DEBUG:
            raise CommandError("The demo administrator is for local use with DEBUG on.")
        password_file = Path(settings.BASE_DIR) / ".demo-admin-password"
        user_model = get_user_model()
        user = user_model.objects.filter(username=USERNAME).first()
        if user is None or not password_file.exists():
            password = secrets.token_urlsafe(12)
            user = user or user_model(username=USERNAME, is_staff=True, is_superuser=True)
            user.set_password(password)
            user.save()
            password_file.write_text(password, encoding="utf-8")
        password = password_file.read_text(encoding="utf-8").strip()
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: http://127.0.0.1:8000/admin/  user: {USERNAME}  password: {password}"
            )
        )
