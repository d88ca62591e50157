"""The demo app is outside the product: production installs neither it nor Faker."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def requirement_names(path: Path) -> set[str]:
    """The package names a requirements file installs, following its `-r` includes."""
    names = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("-r"):
            names |= requirement_names(path.parent / line[2:].strip())
        elif line:
            names.add(re.split(r"[\[=<>~!]", line)[0].strip().lower())
    return names


def test_production_settings_do_not_install_the_demo_app():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json; from config.settings import production as s;"
            " print(json.dumps(s.INSTALLED_APPS))",
        ],
        cwd=ROOT,
        env={**os.environ, "SECRET_KEY": "x" * 50},
        capture_output=True,
        text=True,
        check=True,
    )
    installed = json.loads(result.stdout)
    assert "reports" in installed  # the product's apps are there
    assert "demo" not in installed


def test_development_and_test_settings_install_the_demo_app():
    assert "demo" in settings.INSTALLED_APPS  # the tests run with config.settings.test
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json; from config.settings import dev as s;"
            " print(json.dumps(s.INSTALLED_APPS))",
        ],
        cwd=ROOT,
        env={**os.environ, "SECRET_KEY": "x" * 50},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "demo" in json.loads(result.stdout)


def test_production_requirements_hold_no_demo_only_package():
    production = requirement_names(ROOT / "requirements.txt")
    assert "django" in production
    assert "faker" not in production
    assert "faker" in requirement_names(ROOT / "requirements-dev.txt")


def test_every_requirement_is_pinned_exactly():
    for path in ROOT.glob("requirements*.txt"):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#")[0].strip()
            if line and not line.startswith("-r"):
                assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[0-9][0-9A-Za-z.]*", line), (path, line)
