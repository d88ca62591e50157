"""Photo uploads: only real JPEG, PNG or WebP within the limits, stored without metadata.

Each bad file is refused with its Chinese message both by the model field's form field
and through the admin's change form; a good photo is stored turned upright, without EXIF,
under a name whose extension says its real format.
"""

import io
import struct
import zlib

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from core.images import THUMBNAIL_SIZES, thumbnail_name
from core.models import Status
from families.models import FamilyPhoto
from honors.models import Honor
from tests.honors.factories import HonorFactory

pytestmark = pytest.mark.django_db

NOT_A_PHOTO = "文件不是可识别的照片：只接受 JPEG、PNG 或 WebP 格式的图片。"
TOO_MANY_PIXELS = "图片像素过多：最多 4000 万像素，请缩小后再上传。"

GPS_LATITUDE = (36.0, 22.0, 48.5)  # where the family lives, as a phone records it
ORIENTATION_ROTATE_90 = 6  # EXIF: the camera was held upright; turn the pixels clockwise


def image_bytes(fmt: str, size=(60, 40), mode="RGB", **options) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "teal" if mode != "1" else 1).save(buffer, fmt, **options)
    return buffer.getvalue()


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x0112] = ORIENTATION_ROTATE_90
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: GPS_LATITUDE, 3: "E", 4: (117.0, 58.0, 12.25)}
    return image_bytes("JPEG", size=(60, 40), exif=exif.tobytes(), comment=b"home")


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_claiming(width: int, height: int) -> bytes:
    """A 100-byte PNG whose header claims width × height pixels: a decompression bomb."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + png_chunk(b"IEND", b"")
    )


def large_small_png() -> bytes:
    """A real, valid PNG of 8000 × 6000 pixels (48 megapixels) in a few kilobytes."""
    return image_bytes("PNG", size=(8000, 6000), mode="1", optimize=True)


BAD_FILES = {
    "pdf-renamed-jpg": (
        "scan.jpg",
        b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
        NOT_A_PHOTO,
    ),
    "html-renamed-png": (
        "photo.png",
        b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>",
        NOT_A_PHOTO,
    ),
    "svg": (
        "logo.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b"<script>alert(1)</script><rect width='10' height='10'/></svg>",
        NOT_A_PHOTO,
    ),
    "svg-renamed-png": (
        "logo.png",
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>',
        NOT_A_PHOTO,
    ),
    "bomb-header": ("bomb.png", png_claiming(100_000, 100_000), TOO_MANY_PIXELS),
    "bomb-48-megapixels": ("big.png", large_small_png(), TOO_MANY_PIXELS),
    "gif": (
        "anim.gif",
        image_bytes("GIF"),
        "不接受 GIF 格式：只接受 JPEG、PNG 或 WebP 格式的图片。",
    ),
    "truncated-jpeg": (
        "cut.jpg",
        image_bytes("JPEG", size=(400, 300))[:400],
        "图片文件已损坏或不完整，请重新导出后上传。",
    ),
}


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, "image/jpeg")


def messages_of(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


@pytest.mark.parametrize("case", BAD_FILES, ids=str)
@pytest.mark.parametrize(
    "field", [Honor._meta.get_field("photo"), FamilyPhoto._meta.get_field("image")]
)
def test_the_fields_form_field_refuses_a_file_that_is_not_an_allowed_photo(field, case):
    name, content, message = BAD_FILES[case]
    with pytest.raises(ValidationError) as refused:
        field.formfield().clean(upload(name, content))
    assert messages_of(refused.value) == [message]


def test_a_photo_over_the_size_limit_is_refused(settings):
    settings.PHOTO_MAX_BYTES = 1000
    with pytest.raises(ValidationError) as refused:
        Honor._meta.get_field("photo").formfield().clean(
            upload("big.jpg", image_bytes("JPEG", size=(400, 300)) + b"\x00" * 1000)
        )
    (message,) = messages_of(refused.value)
    assert message.startswith("照片文件过大") and "最大 1000" in message


def test_the_model_refuses_a_bad_photo_in_full_clean():
    honor = HonorFactory(status=Status.DRAFT)
    honor.photo = upload(*BAD_FILES["html-renamed-png"][:2])
    with pytest.raises(ValidationError) as refused:
        honor.full_clean()
    assert refused.value.message_dict["photo"] == [NOT_A_PHOTO]


def test_the_form_field_tells_the_browser_which_files_it_takes():
    field = Honor._meta.get_field("photo").formfield()
    assert isinstance(field, forms.ImageField)
    assert field.widget.attrs["accept"] == "image/jpeg,image/png,image/webp"


# --- Through the admin -------------------------------------------------------------


def change_form_data(response) -> dict:
    """The data a browser would post back from an admin change form, unchanged."""
    data = {}
    forms_ = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms_ += [inline.formset.management_form, *inline.formset.forms]
    for form in forms_:
        for bound in form:
            widget = bound.field.widget
            widget = getattr(widget, "widget", widget)  # unwrap the admin's related-field wrapper
            value = bound.value()
            if isinstance(bound.field, forms.FileField) or value is None:
                continue
            if isinstance(widget, forms.CheckboxInput):
                if value:
                    data[bound.html_name] = "on"
            elif isinstance(widget, forms.MultiWidget):
                parts = value if isinstance(value, list | tuple) else widget.decompress(value)
                for index, part in enumerate(parts):
                    data[f"{bound.html_name}_{index}"] = "" if part is None else str(part)
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [str(item) for item in value]
            else:
                data[bound.html_name] = str(value)
    return data


@pytest.fixture
def honor():
    return HonorFactory(status=Status.DRAFT, deeds="事迹")


def post_photo(staff_client, honor, name, content):
    url = reverse("admin:honors_honor_change", args=[honor.pk])
    page = staff_client.get(url)
    assert page.status_code == 200
    data = change_form_data(page)
    data["photo"] = upload(name, content)
    return staff_client.post(url, data)


@pytest.mark.parametrize("case", BAD_FILES, ids=str)
def test_the_admin_refuses_a_file_that_is_not_an_allowed_photo(staff_client, honor, case):
    name, content, message = BAD_FILES[case]
    response = post_photo(staff_client, honor, name, content)
    assert response.status_code == 200  # the form again, with the error
    assert response.context["adminform"].form.errors["photo"] == [message]
    assert message in response.content.decode()
    honor.refresh_from_db()
    assert not honor.photo


def test_the_admin_refuses_a_bad_photo_in_a_family_photo_inline(staff_client):
    from tests.families.factories import FamilyFactory

    family = FamilyFactory()
    url = reverse("admin:families_family_change", args=[family.pk])
    page = staff_client.get(url)
    assert page.status_code == 200
    data = change_form_data(page)
    prefix = next(
        inline.formset.prefix
        for inline in page.context["inline_admin_formsets"]
        if inline.formset.model is FamilyPhoto
    )
    new = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(new + 1)
    data[f"{prefix}-{new}-image"] = upload(*BAD_FILES["pdf-renamed-jpg"][:2])
    data[f"{prefix}-{new}-caption"] = "全家福"
    data[f"{prefix}-{new}-position"] = "9"
    before = family.photos.count()
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert NOT_A_PHOTO in response.content.decode()
    assert family.photos.count() == before


def test_a_phone_photo_is_stored_upright_without_its_gps_position(staff_client, honor):
    response = post_photo(staff_client, honor, "IMG_0001.JPG", jpeg_with_gps())
    assert response.status_code == 302, response.context and response.context["errors"]
    honor.refresh_from_db()
    assert honor.photo.name.endswith(".jpg") and "IMG_0001" not in honor.photo.name
    with honor.photo.open("rb") as stored:
        data = stored.read()
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG"
        assert image.size == (40, 60)  # turned upright before the orientation was dropped
        assert not image.getexif()
        assert "exif" not in image.info and "xmp" not in image.info
        assert "comment" not in image.info
    assert b"Exif" not in data and b"PhoneMaker" not in data and b"home" not in data
    assert (honor.photo_width, honor.photo_height) == (40, 60)
    for size in THUMBNAIL_SIZES:
        assert honor.photo.storage.exists(thumbnail_name(honor.photo.name, size))


@pytest.mark.parametrize(
    ("name", "content", "fmt", "extension"),
    [
        ("photo.jpg", image_bytes("PNG", mode="RGBA"), "PNG", ".png"),
        ("photo.png", image_bytes("WEBP"), "WEBP", ".webp"),
        ("photo.webp", image_bytes("JPEG"), "JPEG", ".jpg"),
    ],
)
def test_a_photo_is_stored_in_its_own_format_under_a_matching_name(
    staff_client, honor, name, content, fmt, extension
):
    response = post_photo(staff_client, honor, name, content)
    assert response.status_code == 302
    honor.refresh_from_db()
    assert honor.photo.name.endswith(extension)
    with honor.photo.open("rb") as stored, Image.open(stored) as image:
        assert image.format == fmt
        assert not image.getexif()


def test_every_door_that_stores_a_photo_checks_it():
    """An import or a script saving straight to the field cannot store a bad file either."""
    honor = HonorFactory(status=Status.DRAFT)
    with pytest.raises(ValidationError):
        honor.photo.save("x.jpg", upload(*BAD_FILES["svg-renamed-png"][:2]), save=False)
    assert not honor.photo
