"""Photos and their thumbnails, served only while the record they belong to is public.

Every photo lives under a folder named after its model (core.models.photo_upload_to:
`honors/honor/<uuid>.png`) and its thumbnails under `thumbs/` with the same stem
(core.images.thumbnail_name). From a requested name this view finds the record, asks the
app's selector whether it is public — a revoked honour, a withdrawn family or an
unpublished program is not — and only then sends the file. Staff who may work on the
record (core.scoping) still see it, as the admin's change form links to it.

The file itself is sent by nginx when MEDIA_ACCEL_REDIRECT names an `internal` location
(X-Accel-Redirect: the worker is free at once), by Django from MEDIA_ROOT otherwise, or,
with photos in an S3 bucket, by a redirect to the bucket's URL. The answer to "is it
public" is cached under the data versions (core.cache), so a list of 30 thumbnails costs
30 cache reads, and a revocation is seen at the next request.
"""

import mimetypes
import re
from pathlib import PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.encoding import filepath_to_uri

from core import cache, scoping
from families.selectors import public_families
from honors.selectors import public_honors
from programs.selectors import public_programs, published_activities

# Folder → (the public records, the lookup of the file on them, the records for staff).
OWNERS = {
    "honors/honor": (public_honors, "photo", "honors.Honor"),
    "families/familyphoto": (public_families, "photos__image", "families.Family"),
    "programs/program": (public_programs, "cover", "programs.Program"),
    "programs/activityphoto": (published_activities, "photos__image", "programs.Activity"),
}
# What photo_upload_to and thumbnail_name write: a folder, a hex stem, a short suffix.
NAME = re.compile(
    r"^(?P<thumbs>thumbs/)?(?P<folder>[a-z]+/[a-z]+)/(?P<stem>[0-9a-f]{32})"
    r"(?(thumbs)-[0-9]+\.jpg|\.[a-z0-9]{1,4})$"
)


def photo(request, name: str):
    """The photo or thumbnail `name`, if its record is public or the user may work on it."""
    match = NAME.match(name)
    if match is None or match["folder"] not in OWNERS:
        raise Http404
    public, lookup, model_label = OWNERS[match["folder"]]
    stored = {f"{lookup}__startswith": f"{match['folder']}/{match['stem']}."}
    if cache.remember("photo-public", lambda: public().filter(**stored).exists(), name):
        return send(name, "public, max-age=3600")
    if request.user.is_staff and staff_may_see(request.user, model_label, stored):
        return send(name, "private, no-cache")
    raise Http404


def staff_may_see(user, model_label: str, stored: dict) -> bool:
    model = apps.get_model(model_label)
    records = model.objects.filter(**stored)
    if any(f.name == "region" for f in model._meta.get_fields()):
        records = scoping.scope_queryset(records, user)
    elif scoping.staff_region(user) is scoping.NOWHERE:
        return False
    return records.exists()


def send(name: str, cache_control: str):
    if not isinstance(default_storage, FileSystemStorage):
        response = HttpResponseRedirect(default_storage.url(name))
    elif settings.MEDIA_ACCEL_REDIRECT:
        response = HttpResponse(content_type=mimetypes.guess_type(name)[0] or "")
        response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_REDIRECT + filepath_to_uri(name)
    else:
        if not default_storage.exists(name):
            raise Http404
        response = FileResponse(default_storage.open(name), content_type=guess(name))
    response["Cache-Control"] = cache_control
    response["X-Content-Type-Options"] = "nosniff"
    return response


def guess(name: str) -> str:
    return mimetypes.guess_type(PurePosixPath(name).name)[0] or "application/octet-stream"
