"""Printing certificates for a list: the sources the apps declare, the list's filters,
and a file written whole or not at all."""

import importlib
import os
import tempfile
from pathlib import Path

from django.apps import apps
from django.http import QueryDict

from core.documents.certificates import write_certificates


class PrintError(Exception):
    """A request that cannot be printed, with the message in Chinese."""


def sources() -> dict[str, object]:
    """The apps that declare certificates on their AppConfig (``certificates`` = a module
    with ``filterset_class``, ``public_queryset`` and ``certificates(queryset)``)."""
    found = {}
    for config in apps.get_app_configs():
        path = getattr(config, "certificates", None)
        if path:
            found[config.label] = importlib.import_module(path)
    return found


def filtered(source, query_string: str):
    """The public list's rows for this query string, through the list's own FilterSet."""
    filterset = source.filterset_class(
        QueryDict(query_string), queryset=source.public_queryset(), request=None
    )
    if not filterset.is_valid():
        errors = "；".join(str(e) for errors in filterset.errors.values() for e in errors)
        raise PrintError(f"筛选条件有误：{errors}")
    return filterset.qs


def write_pdf_file(certificates, path: Path, *, today=None) -> int:
    """Write the certificates to ``path`` via a temporary file beside it, renamed into place
    only when every page is written: an error leaves no half-written file."""
    path = Path(path)
    directory = path.resolve().parent
    if not directory.is_dir():
        raise PrintError(f"目录不存在：{directory}")
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".certificates-", suffix=".pdf")
    try:
        with os.fdopen(handle, "wb") as out:
            count = write_certificates(certificates, out, today=today)
        if count == 0:
            raise PrintError("没有符合条件的已授予记录，未生成文件。")
        os.replace(temporary, path)
        return count
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
