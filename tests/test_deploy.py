"""Deployment: `check --deploy` is clean with the production settings, every page carries
the security headers and a Content-Security-Policy it actually keeps (no inline script or
style), and static files are collected with hashed names."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def production_env(**extra) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="example.org",
        **extra,
    )
    return env


def manage(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_check_deploy_reports_nothing_with_the_production_settings():
    result = manage(["check", "--deploy", "--fail-level", "WARNING"], production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stderr and "?:" not in result.stderr, result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = production_env()
    del env["SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "-c", "import config.settings.production"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY must be set" in result.stderr


def test_production_settings_are_https_only_behind_nginx():
    script = (
        "import json; from config.settings import production as s; print(json.dumps(["
        "s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        "s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD,"
        "list(s.SECURE_PROXY_SSL_HEADER), s.ALLOWED_HOSTS, s.TRUST_X_REAL_IP,"
        "s.STORAGES['staticfiles']['BACKEND']]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == (
        '[false, true, true, true, 31536000, true, true, ["HTTP_X_FORWARDED_PROTO", "https"], '
        '["example.org"], true, "whitenoise.storage.CompressedManifestStaticFilesStorage"]'
    )


def test_collectstatic_writes_hashed_compressed_files(tmp_path):
    static_root = tmp_path / "static"
    result = manage(
        ["collectstatic", "--noinput", "-v", "0"], production_env(STATIC_ROOT=str(static_root))
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (static_root / "staticfiles.json").exists()
    hashed = list((static_root / "css").glob("site.*.css"))
    assert hashed, sorted(p.name for p in (static_root / "css").iterdir())
    assert Path(f"{hashed[0]}.gz").exists()


# --- Headers and the Content-Security-Policy --------------------------------------------

INLINE = [
    re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE),  # inline script
    re.compile(r"<style[\s>]", re.IGNORECASE),  # style element
    re.compile(r"\sstyle\s*=", re.IGNORECASE),  # style attribute
    re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),  # event handler attribute
    re.compile(r"(href|src|action)\s*=\s*[\"']?\s*javascript:", re.IGNORECASE),
]


def assert_security_headers(response):
    policy = response["Content-Security-Policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()
    )
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def assert_nothing_inline(response):
    html = response.content.decode()
    for pattern in INLINE:
        found = pattern.search(html)
        assert found is None, f"{pattern.pattern}: …{html[found.start() - 80 : found.end() + 80]}…"


def public_pages():
    from families.models import Family
    from honors.models import Honor
    from programs.models import Program

    honor = Honor.objects.filter(status="conferred").exclude(photo="").first()
    family = Family.objects.filter(status="conferred").first()
    program = Program.objects.filter(is_published=True).first()
    return [
        "/",
        reverse("honors:list"),
        reverse("honors:roll"),
        honor.get_absolute_url(),
        reverse("families:list"),
        family.get_absolute_url(),
        reverse("programs:list"),
        program.get_absolute_url(),
        reverse("reports:latest"),
    ]


@pytest.mark.usefixtures("demo_year")
@pytest.mark.django_db
def test_public_pages_carry_the_headers_and_need_nothing_inline(client):
    for url in public_pages():
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert_security_headers(response)
        assert_nothing_inline(response)


@pytest.mark.usefixtures("demo_year")
@pytest.mark.django_db
def test_the_admin_carries_the_headers_and_needs_nothing_inline(client, staff_client):
    from families.models import Family
    from honors.models import Honor

    response = client.get(reverse("admin:login"))
    assert_security_headers(response)
    assert_nothing_inline(response)
    honor = Honor.objects.order_by("pk").first()
    family = Family.objects.filter(photos__isnull=False).order_by("pk").first()
    for url in [
        reverse("admin:index"),
        reverse("admin:honors_honor_changelist"),
        reverse("admin:honors_honor_add"),
        reverse("admin:honors_honor_change", args=[honor.pk]),
        reverse("admin:families_family_change", args=[family.pk]),
        reverse("admin:programs_activity_changelist"),
    ]:
        response = staff_client.get(url)
        assert response.status_code == 200, url
        assert_security_headers(response)
        assert_nothing_inline(response)


def test_media_go_to_an_s3_compatible_bucket_when_one_is_configured():
    """Every app server must see the same photos: MEDIA_S3_BUCKET switches the media storage
    to django-storages' S3 backend (nothing is sent: the URL is computed locally)."""
    script = (
        "from django.core.files.storage import storages; s = storages['default'];"
        "print(type(s).__name__, s.bucket_name, s.url('photos/a.jpg'))"
    )
    s3 = production_env(
        MEDIA_S3_BUCKET="fulian-media",
        MEDIA_S3_ENDPOINT_URL="https://oss.example.org",
        MEDIA_S3_CUSTOM_DOMAIN="media.example.org",
    )
    result = manage(["shell", "-v", "0", "-c", script], s3)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "S3Storage",
        "fulian-media",
        "https://media.example.org/media/photos/a.jpg",
    ]
    # The pages may show images from there (the Content-Security-Policy allows that origin).
    csp = (
        "from django.conf import settings;"
        "print(*settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
    )
    assert manage(["shell", "-v", "0", "-c", csp], s3).stdout.split() == [
        "'self'",
        "https://media.example.org",
    ]
    local = manage(
        ["shell", "-v", "0", "-c", script.replace("s.bucket_name, ", "")], production_env()
    )
    assert local.stdout.split()[0] == "FileSystemStorage", local.stderr
