"""Thumbnails made once with Pillow when a photo is stored, found again by name.

A list page must never send a full-size photo, and must not spend a query per
thumbnail: the thumbnail's name is derived from the photo's, and its size from
the width and height stored with the photo, so templates need neither the
database nor the disk to write `<img src width height>`.
"""

import io
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from PIL import Image, ImageOps

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
    return Thumbnail(default_storage.url(thumbnail_name(field_file.name, box)), w, h)


class ThumbnailedImageFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        super().save(name, content, save=save)
        make_thumbnails(self)


class ThumbnailedImageField(models.ImageField):
    """An ImageField whose thumbnails are written whenever a new photo is stored.

    Every door that stores a photo (admin form, import, demo loader) ends in
    FieldFile.save, so no caller can forget the thumbnails.
    """

    attr_class = ThumbnailedImageFieldFile
