from django.core.management.commands import makemessages


class Command(makemessages.Command):
    """makemessages that also knows this project's short names for gettext_lazy.

    Column declarations use `L(...)` and admin forms `_l(...)`, to keep long tables
    readable; without these keywords xgettext would skip their strings.
    """

    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=L", "--keyword=_l"]
