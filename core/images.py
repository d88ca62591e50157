"""Thumbnails made once with Pillow when a photo is stored, found again by name.

A list page must never send a full-size photo, and must not spend a query per
thumbnail: the thumbnail's name is derived from the photo's, and its size from
the width and height stored with the photo, so templates need neither the
database nor the disk to write `<img src width height>`.
"""

import io
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urljoin

from django import forms
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import FieldFile, ImageFieldFile
from django.utils.encoding import filepath_to_uri
from PIL import Image, ImageOps

from core.validators import PHOTO_FORMATS, validate_photo

# Bounding boxes, in CSS pixels: list cards, detail pages (also the Open Graph image).
THUMBNAIL_SIZES = (240, 960)


def thumbnail_name(name: str, size: int) -> str:
    path = PurePosixPath(name)
    return str(PurePosixPath("thumbs") / path.parent / f"{path.stem}-{size}.jpg")


def fitted_size(width: int, height: int, size: int) -> tuple[int, int]:
    """The size of an image of width × height shrunk (never enlarged) into a size × size box."""
    if not width or not height:
        return size, size
    scale = min(1.0, size / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def make_thumbnails(field_file) -> None:
    """Write the JPEG thumbnails of a stored photo, replacing any of the same name."""
    storage = field_file.storage
    with field_file.open("rb") as source:
        image = ImageOps.exif_transpose(Image.open(source))
        image.load()
    image = image.convert("RGB")
    for size in THUMBNAIL_SIZES:
        copy = image.copy()
        copy.thumbnail((size, size), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        copy.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
        name = thumbnail_name(field_file.name, size)
        if storage.exists(name):
            storage.delete(name)
        storage.save(name, ContentFile(buffer.getvalue()))


@dataclass(frozen=True)
class Thumbnail:
    url: str
    width: int
    height: int


def thumbnail(field_file, size: int, width: int | None = None, height: int | None = None):
    """The thumbnail of `field_file` that fits `size`, or None when there is no photo."""
    if not field_file:
        return None
    box = min((s for s in THUMBNAIL_SIZES if s >= size), default=THUMBNAIL_SIZES[-1])
    w, h = fitted_size(width or 0, height or 0, box)
    return Thumbnail(site_url(thumbnail_name(field_file.name, box)), w, h)


def site_url(name: str) -> str:
    """The photo's URL on this site (under MEDIA_URL), whatever the storage.

    Public pages link photos here, never to the storage directly (an S3 bucket's own
    URL), so that the view behind MEDIA_URL can refuse the photos of a record that is no
    longer public. On local disk this is what the storage's url() gives too.
    """
    return urljoin(settings.MEDIA_URL, filepath_to_uri(name))


def reencoded_photo(name: str, content) -> tuple[str, ContentFile]:
    """The photo in `content` turned upright and written again without its metadata.

    Each format is written as itself (JPEG as JPEG, PNG as PNG, WebP as WebP), and the
    returned name's extension says which, whatever the uploaded name said. Only the
    pixels, the colour profile and a PNG's transparency are kept.
    """
    image_format = validate_photo(content)
    content.seek(0)
    with Image.open(content) as source:
        try:
            image = ImageOps.exif_transpose(source)
        except (OSError, SyntaxError, ValueError, KeyError, IndexError, TypeError):
            image = source.copy()  # EXIF too damaged to read an orientation from: as it is
    # Whatever Pillow read besides the pixels (EXIF, XMP, comments, text chunks …) is
    # dropped, so that no format's writer can copy it over by default.
    info, image.info = image.info, {}
    options = {}
    if icc_profile := info.get("icc_profile"):
        options["icc_profile"] = icc_profile
    if image_format == "JPEG":
        if image.mode not in ("RGB", "L", "CMYK"):
            image = image.convert("RGB")
        options.update(quality=90, optimize=True, progressive=True)
    elif image_format == "PNG":
        if (transparency := info.get("transparency")) is not None:
            options["transparency"] = transparency
    else:  # WEBP
        if image.mode not in ("RGB", "RGBA"):
            has_alpha = image.mode in ("LA", "PA", "RGBa") or "transparency" in info
            image = image.convert("RGBA" if has_alpha else "RGB")
        options.update(quality=90, method=4)
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    stem = PurePosixPath(name or "photo").stem or "photo"
    new_name = stem + PHOTO_FORMATS[image_format]
    return new_name, ContentFile(buffer.getvalue(), name=new_name)


class ThumbnailedImageFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        name, content = reencoded_photo(name, content)
        super().save(name, content, save=save)
        make_thumbnails(self)


class PhotoFormField(forms.ImageField):
    """The form field of a photo: Pillow's checks with this site's limits and messages."""

    def to_python(self, data):
        if data not in self.empty_values:
            # Before Django's own check, which would refuse the same files with a vaguer message.
            validate_photo(data)
        return super().to_python(data)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput):
            attrs["accept"] = "image/jpeg,image/png,image/webp"
        return attrs


class ThumbnailedImageField(models.ImageField):
    """An ImageField for photos, re-encoded and thumbnailed whenever a new one is stored.

    Every door that stores a photo (admin form, import, demo loader) ends in
    FieldFile.save, so no caller can forget the checks, the re-encoding or the thumbnails.
    The validator is a class default, not a field argument, so it is not part of the
    field's migration state.
    """

    attr_class = ThumbnailedImageFieldFile
    default_validators = [validate_photo]

    def run_validators(self, value):
        # A photo already stored was checked (and re-encoded) on its way in.
        if isinstance(value, FieldFile) and value._committed:
            return
        super().run_validators(value)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PhotoFormField, **kwargs})
