from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo year and the bulk generator (see the package docstring); no models."""

    name = "demo"
