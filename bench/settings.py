"""The production settings with one extra URL, /bench-bare/, the reference for throughput.

Production settings refuse to start without SECRET_KEY; the benchmark sets it
(and DEBUG, ALLOWED_HOSTS, DATABASE_URL) in the environment it starts servers with.
"""

import os

os.environ.setdefault("SECRET_KEY", "bench")

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
