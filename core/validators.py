"""Validators for Chinese identity data."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# GB 11643-1999: the 18th character is a check over the first 17 digits.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"
_ID_PATTERN = re.compile(r"^\d{17}[\dX]$")


def id_number_check_char(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits of an ID number."""
    total = sum(int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK_CHARS[total % 11]


def validate_id_number(value: str) -> None:
    """Reject a resident ID number whose form, birth date or check digit is wrong."""
    number = value.strip().upper()
    if not _ID_PATTERN.match(number):
        raise ValidationError(
            _("身份证号码应为18位：前17位数字，最后一位数字或X。"), code="id_format"
        )
    try:
        birth = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(_("身份证号码中的出生日期无效。"), code="id_birth") from None
    if birth.year < 1900 or birth > datetime.date.today():
        raise ValidationError(_("身份证号码中的出生日期无效。"), code="id_birth")
    if id_number_check_char(number[:17]) != number[17]:
        raise ValidationError(_("身份证号码校验位不正确，请核对。"), code="id_check")


def validate_phone(value: str) -> None:
    """Accept a mainland mobile number or a landline with area code."""
    digits = value.replace("-", "").replace(" ", "")
    if not re.fullmatch(r"1[3-9]\d{9}|0\d{9,11}", digits):
        raise ValidationError(_("联系电话格式不正确。"), code="phone")
