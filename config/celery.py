"""The Celery application: background work (core.tasks) runs in workers of its own.

`make worker` (or `celery -A config worker`) starts one. Settings are Django's, under the
CELERY_ prefix (config.settings.base, "Background work"); tasks are found in each app's
`tasks` module.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

app = Celery("fulian")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
