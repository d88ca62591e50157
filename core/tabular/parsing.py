"""Cell parsers and the row checks they feed: every bad cell of a row reported at once."""

import datetime
import functools
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import text
from core.tabular.columns import FORMULA_PREFIXES


def clean_text(value: str) -> str:
    """Cell text as stored: trimmed, and a leading apostrophe from our own exports removed."""
    value = (value or "").strip()
    if value.startswith("'") and value[1:].startswith(FORMULA_PREFIXES):
        value = value[1:]
    return value


@functools.cache
def _choice_lookup(choices_class, language: str) -> tuple[dict[str, str], str]:
    """Normalised keys and labels of a choices class, once per language (not once per row)."""
    lookup = {}
    for key, label in choices_class.choices:
        lookup[text.normalize_for_search(str(key))] = key
        lookup[text.normalize_for_search(str(label))] = key
    labels = "”或“".join(str(label) for _key, label in choices_class.choices)
    return lookup, labels


def parse_choice(value: str, choices_class, column: str) -> str:
    """A choice given by its key or its label, in simplified or traditional characters."""
    lookup, labels = _choice_lookup(choices_class, translation.get_language() or "")
    key = lookup.get(text.normalize_for_search(value))
    if key is None:
        raise ValidationError(
            _("「%(column)s」应为“%(labels)s”") % {"column": column, "labels": labels}
        )
    return key


def parse_int(value: str, column: str, minimum: int = 0) -> int:
    try:
        number = int(Decimal(value.replace(",", "")))
    except (InvalidOperation, ValueError):
        raise ValidationError(_("「%(column)s」应为整数") % {"column": column}) from None
    if number < minimum:
        raise ValidationError(
            _("「%(column)s」不能小于 %(min)s") % {"column": column, "min": minimum}
        )
    return number


def parse_decimal(value: str, column: str) -> Decimal:
    try:
        number = Decimal(value.replace(",", "") or "0")
    except InvalidOperation:
        raise ValidationError(_("「%(column)s」应为数字") % {"column": column}) from None
    if number < 0:
        raise ValidationError(_("「%(column)s」不能为负数") % {"column": column})
    return number


def parse_date(value: str, column: str) -> datetime.date | None:
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"):
        try:
            return datetime.datetime.strptime(
                value[:10] if "年" not in value else value, fmt
            ).date()
        except ValueError:
            continue
    raise ValidationError(_("「%(column)s」应为日期，如 2023-03-08") % {"column": column})


def parse_year(value: str, column: str) -> int:
    year = parse_int(value, column, minimum=1949)
    if year > timezone.localdate().year:
        raise ValidationError(_("「%(column)s」不能是将来的年份") % {"column": column})
    return year


class RowError(Exception):
    """Raised by an importer's row handler with one or more user-facing messages."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


def changed_fields(instance, values: dict) -> set[str]:
    """The names of the values that differ from what the instance holds (nothing is set)."""
    changed = set()
    for name, value in values.items():
        field = instance._meta.get_field(name)
        if field.is_relation:
            # Compare keys: reading the relation itself would cost a query per row.
            current, wanted = getattr(instance, field.attname), getattr(value, "pk", value)
        else:
            current, wanted = getattr(instance, name), value
        if current != wanted:
            changed.add(name)
    return changed


def assign_changed(instance, values: dict) -> bool:
    """Set the values on the instance; True when any of them differs from what it held."""
    changed = changed_fields(instance, values)
    for name in changed:
        setattr(instance, name, values[name])
    return bool(changed)


class Collector:
    """Runs cell parsers and collects their messages, so one row reports every bad cell."""

    def __init__(self):
        self.errors: list[str] = []

    def __call__(self, parse, *args):
        try:
            return parse(*args)
        except ValidationError as error:
            self.errors.extend(error.messages)
            return None

    def require(self, value: str, column: str) -> str:
        if not value:
            self.errors.append(_("「%(column)s」不能为空") % {"column": column})
        return value

    def raise_if_any(self) -> None:
        if self.errors:
            raise RowError(self.errors)


def validation_messages(error: ValidationError, instance) -> list[str]:
    """Chinese messages from a model ValidationError, each naming its field."""
    if not hasattr(error, "error_dict"):
        return list(error.messages)
    messages = []
    for name, field_messages in error.message_dict.items():
        try:
            label = instance._meta.get_field(name).verbose_name
        except Exception:  # NON_FIELD_ERRORS and the like
            label = ""
        messages.extend(f"「{label}」{m}" if label else m for m in field_messages)
    return messages


def check_fields(instance, exclude: list[str] | None = None) -> None:
    """Field-level checks of a model instance (validators, choices, blanks) without queries.

    Uniqueness and database constraints are left to the bulk write, which runs
    inside the import's transaction; the importer checks identities itself.
    Callers exclude relations they looked up, since validating one is a query.
    """
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise RowError(validation_messages(error, instance)) from None
