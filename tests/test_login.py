"""Logins: failed attempts lock an account and an address (django-axes), strong hashing,
and staff sessions that end."""

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse

from config.security import client_ip

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
PASSWORD = "correct-Horse-battery-9"
LOCKED = "登录失败次数过多"


@pytest.fixture
def staffer(django_user_model):
    return django_user_model.objects.create_user(
        "staffer", password=PASSWORD, is_staff=True, is_superuser=True
    )


def log_in(client, username, password, address="203.0.113.7"):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def test_a_wrong_password_is_refused_without_locking_at_first(client, staffer):
    response = log_in(client, "staffer", "wrong")
    assert response.status_code == 200
    assert LOCKED not in response.content.decode()
    response = log_in(client, "staffer", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_repeated_failures_lock_the_account_even_against_the_right_password(client, staffer):
    for attempt in range(1, settings.AXES_FAILURE_LIMIT + 1):
        # Each attempt from another address: the account itself is what gets locked.
        response = log_in(client, "staffer", f"guess-{attempt}", address=f"198.51.100.{attempt}")
    assert response.status_code == 429
    page = response.content.decode()
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert LOCKED in page and f"请在 {minutes} 分钟后再试" in page

    response = log_in(client, "staffer", PASSWORD, address="192.0.2.99")
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302  # still sent to the login


def test_repeated_failures_from_one_address_lock_that_address(client, staffer):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        response = log_in(client, f"someone-{attempt}", "guess", address="203.0.113.50")
    assert response.status_code == 429

    # The right password, from the locked address, for an account nobody guessed at.
    response = log_in(client, "staffer", PASSWORD, address="203.0.113.50")
    assert response.status_code == 429
    # The same account from another address is fine.
    response = log_in(client, "staffer", PASSWORD, address="203.0.113.51")
    assert response.status_code == 302


def test_the_address_comes_from_nginx_only_when_the_site_is_behind_it(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.9")
    settings.TRUST_X_REAL_IP = False  # a visitor could send any X-Real-IP
    assert client_ip(request) == "127.0.0.1"
    settings.TRUST_X_REAL_IP = True
    assert client_ip(request) == "203.0.113.9"


def test_passwords_are_hashed_with_argon2_outside_the_tests():
    from django.contrib.auth.hashers import Argon2PasswordHasher

    from config.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    # argon2-cffi is installed, so the hasher works.
    encoded = Argon2PasswordHasher().encode("secret", Argon2PasswordHasher().salt())
    assert encoded.startswith("argon2$") and Argon2PasswordHasher().verify("secret", encoded)


def test_a_staff_session_ends_with_the_browser_or_after_a_working_day(client, staffer):
    response = log_in(client, "staffer", PASSWORD)
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["expires"] and not cookie["max-age"]  # a browser-session cookie
    assert cookie["httponly"]
    assert client.session.get_expiry_age() == 8 * 60 * 60


@pytest.mark.usefixtures("demo_year")
def test_the_admin_index_names_login_security_in_chinese_and_only_for_superusers(
    client, admin_user
):
    from tests.staff import make_staff

    client.force_login(admin_user)
    page = client.get("/admin/").content.decode()
    assert "登录安全" in page and "登录失败记录" in page
    assert "Access attempt" not in page and "Access log" not in page
    client.force_login(make_staff("rv", "reviewer", "371600"))
    assert "登录安全" not in client.get("/admin/").content.decode()
