"""Hooks for django-axes: the client's address behind nginx, and the lockout page."""

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.utils.translation import gettext as _


def client_ip(request) -> str:
    """The address a login came from, for counting failed logins per address.

    Behind nginx every request comes from 127.0.0.1; nginx puts the visitor's address
    in X-Real-IP (overwriting any the visitor sent), which is trusted only when
    TRUST_X_REAL_IP says the site is served through such a proxy.
    """
    if getattr(settings, "TRUST_X_REAL_IP", False):
        forwarded = request.META.get("HTTP_X_REAL_IP", "").strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR", "")


def lockout_response(request, original_response=None, credentials=None):
    """The page shown instead of the login form once a user name or address is locked."""
    cool_off = get_cool_off(request)
    context = {
        **admin.site.each_context(request),
        "title": _("登录已暂时锁定"),
        "minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    return render(
        request,
        "registration/lockout.html",
        context,
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
