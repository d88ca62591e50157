"""The production settings with one extra URL, /bench-bare/, the reference for throughput,
and the demo app, whose load_demo and generate_bulk fill the bench database.

Production settings refuse to start without SECRET_KEY; the benchmark sets it
(and DEBUG, ALLOWED_HOSTS, DATABASE_URL) in the environment it starts servers with.
"""

import os

os.environ.setdefault("SECRET_KEY", "bench")

from config.settings.production import *  # noqa: F403
from config.settings.production import INSTALLED_APPS

# The demo app has no models, middleware or URLs: it adds commands only, so the pages
# measured are production's.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

ROOT_URLCONF = "bench.urls"
