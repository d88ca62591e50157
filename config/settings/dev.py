"""Development settings (what `manage.py` and `make run` use): the base settings with the
demo app, whose `load_demo`, `generate_bulk` and `ensure_demo_admin` fill a local database.

Production (`config.settings.production`) builds on base, not on this: it installs neither
the demo app nor its requirements (requirements-demo.txt).
"""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
