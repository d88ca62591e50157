"""The project package: settings, URLs, WSGI/ASGI entry points and the Celery app."""

# Loaded with Django, so that `@shared_task` and `.delay()` use this project's app
# (its broker and its eager mode) in the web process as in the worker.
from .celery import app as celery_app

__all__ = ("celery_app",)
