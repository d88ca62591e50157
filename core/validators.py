"""Validators for Chinese identity data and for uploaded photos."""

import contextlib
import datetime
import re
import struct
import warnings
import weakref

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

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


# Photos: only these formats are stored, each re-encoded to itself (core.images).
PHOTO_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
PHOTO_MAX_BYTES = 10 * 1024 * 1024
PHOTO_MAX_PIXELS = 40_000_000

# Uploaded files already checked, so that the form, the model and the storing of one
# upload decode it once (weak: an upload is forgotten with its request).
_checked_photos: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _photo_limits() -> tuple[int, int]:
    return (
        getattr(settings, "PHOTO_MAX_BYTES", PHOTO_MAX_BYTES),
        getattr(settings, "PHOTO_MAX_PIXELS", PHOTO_MAX_PIXELS),
    )


def _too_many_pixels(max_pixels: int) -> ValidationError:
    return ValidationError(
        _("图片像素过多：最多 %(limit)s 万像素，请缩小后再上传。"),
        code="photo_pixels",
        params={"limit": max_pixels // 10_000},
    )


def _uploaded_file(value):
    """The file object behind `value`: a photo assigned to a model but not yet stored is
    a FieldFile wrapping the upload."""
    return value.file if isinstance(value, FieldFile) else value


def validate_photo(value) -> str:
    """Accept only a real JPEG, PNG or WebP photo within the size and pixel limits.

    Checked by Pillow, never by the file's name or declared type: a PDF, an HTML page or
    an SVG renamed .jpg is refused, and so is a "decompression bomb" (a small file that
    claims a huge number of pixels). The image is fully decoded, so a truncated file is
    refused here rather than failing when it is stored. Returns Pillow's format name.
    """
    file = _uploaded_file(value)
    try:
        return _checked_photos[file]
    except (KeyError, TypeError):
        pass
    max_bytes, max_pixels = _photo_limits()
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
    if size > max_bytes:
        raise ValidationError(
            _("照片文件过大（%(size)s）：最大 %(limit)s。"),
            code="photo_size",
            params={"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
        )
    not_a_photo = ValidationError(
        _("文件不是可识别的照片：只接受 JPEG、PNG 或 WebP 格式的图片。"), code="photo_type"
    )
    try:
        with warnings.catch_warnings():
            # Pillow warns past Image.MAX_IMAGE_PIXELS and raises past twice that.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            file.seek(0)
            with Image.open(file) as image:
                image_format = image.format
                width, height = image.size
                if image_format not in PHOTO_FORMATS:
                    raise ValidationError(
                        _("不接受 %(format)s 格式：只接受 JPEG、PNG 或 WebP 格式的图片。"),
                        code="photo_format",
                        params={"format": image_format},
                    )
                if width * height > max_pixels:
                    raise _too_many_pixels(max_pixels)
                image.verify()
            # verify() leaves the image unusable; decode a fresh one to catch truncation.
            file.seek(0)
            with Image.open(file) as image:
                image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(max_pixels) from None
    except UnidentifiedImageError:
        raise not_a_photo from None
    except (OSError, SyntaxError, ValueError, struct.error, MemoryError) as exc:
        raise ValidationError(
            _("图片文件已损坏或不完整，请重新导出后上传。"), code="photo_damaged"
        ) from exc
    finally:
        file.seek(0)
    # An object that cannot be weakly referenced is simply checked again next time.
    with contextlib.suppress(TypeError):
        _checked_photos[file] = image_format
    return image_format
