"""A record's photos are served only while the record is public (and to staff).

Photos used to sit at their /media/ URL for ever, served by nginx from disk: a revoked
honour's photo (or a withdrawn program's cover) stayed reachable by anyone who had the
link. Now /media/ goes through a view that checks the record, and nginx only sends the
file the view names (X-Accel-Redirect).
"""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from core import images
from tests.families.factories import FamilyFactory
from tests.honors.factories import HonorFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_year")]


def png() -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), "teal").save(buffer, "PNG")
    return ContentFile(buffer.getvalue())


@pytest.fixture
def honor():
    honor = HonorFactory()
    honor.photo.save("portrait.png", png())
    return honor


def urls(field_file) -> list[str]:
    return [field_file.url, *(images.thumbnail(field_file, s).url for s in images.THUMBNAIL_SIZES)]


def test_a_conferred_honours_photo_is_served_and_a_revoked_ones_is_not(client, honor):
    for url in urls(honor.photo):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"".join(response.streaming_content)[:4] in (b"\x89PNG", b"\xff\xd8\xff\xe0")
    type(honor).objects.filter(pk=honor.pk).update(status="revoked", revoked_reason="经查不实")
    for url in urls(honor.photo):
        assert client.get(url).status_code == 404, url


def test_staff_still_see_a_revoked_honours_photo(admin_client, honor):
    type(honor).objects.filter(pk=honor.pk).update(status="revoked", revoked_reason="经查不实")
    response = admin_client.get(honor.photo.url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


def test_a_withdrawn_familys_photos_stop_being_served(client):
    family = FamilyFactory()
    photo = family.photos.create(image=None)
    photo.image.save("home.png", png())
    assert client.get(photo.image.url).status_code == 200
    type(family).objects.filter(pk=family.pk).update(status="draft")
    assert client.get(photo.image.url).status_code == 404


def test_a_program_cover_is_served_while_the_program_is_published(client):
    from programs.models import Program

    program = Program.objects.filter(is_published=True).first()
    program.cover.save("cover.png", png())
    url = images.thumbnail(program.cover, 240).url
    assert client.get(url).status_code == 200
    Program.objects.filter(pk=program.pk).update(is_published=False)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/media/honors/honor/0123456789abcdef0123456789abcdef.jpg",  # no such record
        "/media/../config/settings/base.py",
        "/media/honors/honor/%2e%2e/%2e%2e/secret.jpg",
        "/media/imports/job.xlsx",  # not a photo folder
        "/media/honors/honor/%00.jpg",
    ],
)
def test_anything_else_under_media_is_404(client, honor, path):
    assert client.get(path).status_code == 404


def test_behind_nginx_the_file_is_sent_by_nginx(client, honor, settings):
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"
    response = client.get(honor.photo.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected-media/{honor.photo.name}"
    assert response.content == b""


def test_staff_of_another_county_do_not_see_a_revoked_honours_photo(client, honor):
    from tests.staff import make_staff

    type(honor).objects.filter(pk=honor.pk).update(status="revoked", revoked_reason="经查不实")
    # The honour is in a test city; this editor works in 沾化区.
    client.force_login(make_staff("other-county", "editor", "371603"))
    assert client.get(honor.photo.url).status_code == 404
