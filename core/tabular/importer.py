"""The import engine: match headers, check every row, preview, then commit in one transaction.

Import flow: read the file → match headers → check every row (inside a
transaction) → report each row as new / update / unchanged / error → commit
only when asked and only when no row has an error; otherwise roll back. The
check and the commit run the same code, so what the preview says is what the
commit does.
"""

import hashlib
from collections.abc import Callable, Iterable, Iterator

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core import copy_from, services, text
from core.models import Region, Status
from core.scoping import staff_region
from core.tabular.columns import Column
from core.tabular.parsing import RowError, changed_fields, clean_text
from core.tabular.readers import Table
from core.tabular.results import ERROR, NEW, UPDATE, ImportResult, RowOutcome

IMPORT_REASON = gettext_lazy("导入")
# A row that names a record of a region the importer does not work in (the engine puts
# 第N行 in front): never an update, whatever region the row itself gives.
OTHER_REGION = gettext_lazy("：该记录属于其他地区")
# What an import may set as the status of a new record; everything else is the workflow's.
IMPORTABLE_STATUSES = (Status.DRAFT, Status.SUBMITTED)
PAST_REVIEW = (Status.NOTICE, Status.CONFERRED, Status.REVOKED)
# The notice's fields, by model field, with the column key they are imported from.
NOTICE_FIELDS = {
    "notice_start": "notice_start",
    "notice_end": "notice_end",
    "objection_contact": "objection_contact",
}

# ---------------------------------------------------------------- the import engine


class Importer:
    """Base class: an app supplies `columns`, `prepare`, `import_row` and `flush`.

    `import_row` checks one row against what `prepare` loaded and queues its
    writes without touching the database; `flush` writes them all in bulk. So a
    file of 50,000 rows costs a few dozen queries, not a few per row.
    """

    columns: list[Column] = []
    # Fields an import may change even on a record that is public: contact details that no
    # public page or file shows (an officer updates a phone number without a new review).
    private_fields: frozenset[str] = frozenset()

    def __init__(self, user=None, *, archive: bool = False):
        """`user` is the staff member importing (None for a command run by the operator):
        rows outside her region are errors. `archive` (the operator's --archive only)
        restores records exported by this system with their statuses and notices."""
        self.user = user
        self.scope = staff_region(user) if user is not None else None
        self.archive = archive and user is None

    def is_public(self, record) -> bool:
        """Has the record gone past review (in notice, conferred, revoked)?"""
        return getattr(record, "status", "") in PAST_REVIEW

    def check_workflow(self, record, values: dict, also_changed: frozenset = frozenset()):
        """Refuse a row that would move a record through the workflow, or rewrite one
        that is public; `also_changed` names public fields of related records it changes.

        An import sets no status beyond 已提交审核 (a new record is a draft unless the
        file says submitted), and leaves the status and the notice of an existing record
        as they are: notice, conferring and revoking are steps of the workflow, with
        their notice and a second person. A record past review keeps its public fields
        too: the officer corrects it in the system, where the change is reviewed, rather
        than an import unpublishing it or publishing unreviewed text.
        """
        if self.archive:
            return
        errors = []
        status = values.get("status")
        if record.pk is None:
            if status and status not in IMPORTABLE_STATUSES:
                errors.append(
                    _(
                        "「%(column)s」导入只能是“草稿”或“已提交审核”；公示、授予和撤销须由审核员在系统中办理"
                    )
                    % {"column": self.header("status")}
                )
            errors.extend(self.notice_errors(name for name in NOTICE_FIELDS if values.get(name)))
        else:
            changed = changed_fields(record, values)
            if "status" in changed:
                errors.append(
                    _(
                        "「%(column)s」不能通过导入更改（现为“%(status)s”），请在系统中按审核流程办理"
                    )
                    % {"column": self.header("status"), "status": Status(record.status).label}
                )
            errors.extend(self.notice_errors(name for name in NOTICE_FIELDS if name in changed))
            if (
                not errors
                and self.is_public(record)
                and (changed | also_changed) - self.private_fields
            ):
                errors.append(self.public_record_message(record))
        if errors:
            raise RowError(errors)

    def notice_errors(self, names) -> list[str]:
        return [
            _("「%(column)s」只能在审核流程中填写") % {"column": self.header(NOTICE_FIELDS[name])}
            for name in names
        ]

    def public_record_message(self, record) -> str:
        return _("：“%(status)s”的记录不能通过导入修改，请在系统中修改并重新审核") % {
            "status": Status(record.status).label
        }

    def header_keys(self, table: Table) -> dict[int, str]:
        """Map file columns to column keys by header, in either script or in English, so a
        file exported in any of the site's languages imports again; unknown ones ignored."""
        by_header = {}
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                for column in self.columns:
                    by_header[text.normalize_for_search(str(column.header))] = column.key
        return {
            index: by_header[text.normalize_for_search(title)]
            for index, title in enumerate(table.headers)
            if text.normalize_for_search(title) in by_header
        }

    def missing_identity(self, present: set[str]) -> list[str]:
        return [str(c.header) for c in self.columns if c.identity and c.key not in present]

    # The model an importer of one kind of record writes, and the fields an update changes.
    model = None
    update_fields: list[str] = []

    def prepare(self, rows: list[dict]) -> None:
        """Load what the rows need (titles, regions, existing records) in a few queries."""
        self.regions = {region.code: region for region in Region.objects.all()}
        self.region_paths = {region.pk: region.path for region in self.regions.values()}
        self.new: list = []
        self.changed: dict = {}

    def region_in_scope(self, region_id) -> bool:
        """May the importer write a record that is now in this region (by key)?"""
        if self.scope is None:
            return True
        return self.region_paths.get(region_id, "").startswith(self.scope.path)

    def check_in_scope(self, record) -> None:
        """Refuse a row that matched an existing record outside the importer's scope.

        Called before the row's values are set, so it is the record's current region
        that counts, not the one the row would move it to (that one find_region checks).
        """
        if record.pk and not self.region_in_scope(record.region_id):
            raise RowError([str(OTHER_REGION)])

    def queue(self, record, label: str) -> tuple[str, str]:
        """Queue a checked record for the bulk write (which sets who wrote it); return its
        outcome."""
        if record.pk:
            self.changed[record.pk] = record
            return UPDATE, label
        self.new.append(record)
        return NEW, label

    def write(self, model, new, changed, fields: list[str]) -> None:
        """Insert and update in bulk, with the history rows of every record written, through
        core.services.bulk_save (scope, workflow fields, authorship). The rows derived their
        keys when they were checked (check_fields needs them), so bulk_save does not again.

        On PostgreSQL new records go in by COPY FROM (core.copy_from), several times faster.
        """
        history = {"default_user": self.user, "default_change_reason": IMPORT_REASON}

        def writer(new, changed, fields):
            if copy_from.available():
                copy_from.insert_with_history(model, new, user=self.user, reason=IMPORT_REASON)
            else:
                bulk_create_with_history(list(new), model, batch_size=1000, **history)
            bulk_update_with_history(list(changed), model, fields, batch_size=1000, **history)

        services.bulk_save(
            model,
            new,
            changed,
            fields,
            user=self.user,
            reason=IMPORT_REASON,
            writer=writer,
            derive=False,
            keep_workflow=self.archive,
        )

    def header(self, key: str) -> str:
        return next(str(c.header) for c in self.columns if c.key == key)

    def find_region(self, row: dict, errors: list[str]):
        """The row's region by code, or by a name that is unique in the tree."""
        code = row.get("region_code", "")
        if code:
            region = self.regions.get(code)
            if region is None:
                errors.append(
                    _("「%(column)s」没有代码为“%(value)s”的地区")
                    % {"column": self.header("region_code"), "value": code[:20]}
                )
            elif self.scope is not None and not region.path.startswith(self.scope.path):
                errors.append(
                    _("「%(column)s」“%(value)s”不在您管理的地区范围内")
                    % {"column": self.header("region_code"), "value": code}
                )
                return None
            return region
        wanted = text.normalize_for_search(row.get("region", ""))
        matches = [r for r in self.regions.values() if text.normalize_for_search(r.name) == wanted]
        if len(matches) != 1:
            errors.append(
                _("「%(column)s」无法确定地区，请填写地区代码") % {"column": self.header("region")}
            )
            return None
        if self.scope is not None and not matches[0].path.startswith(self.scope.path):
            errors.append(
                _("「%(column)s」“%(value)s”不在您管理的地区范围内")
                % {"column": self.header("region"), "value": matches[0].name}
            )
            return None
        return matches[0]

    def find_named(self, objects: Iterable, value: str, key: str, errors: list[str]):
        """The object whose name or slug is `value`, in either script."""
        wanted = text.normalize_for_search(value)
        for obj in objects:
            names = (obj.name, getattr(obj, "slug", ""))
            if wanted and wanted in {text.normalize_for_search(n) for n in names}:
                return obj
        errors.append(
            _("「%(column)s」没有“%(value)s”") % {"column": self.header(key), "value": value[:40]}
        )
        return None

    def identity(self, row: dict) -> tuple:
        """What makes two rows of one file the same record (a duplicate)."""
        return tuple(row.get(c.key, "") for c in self.columns if c.identity)

    def import_row(self, row: dict) -> tuple[str, str]:
        """Create or update the record of one row; return (status, label) or raise RowError."""
        raise NotImplementedError

    def flush(self) -> None:
        """Write what the rows queued, in bulk; called once, inside the transaction."""
        self.write(self.model, self.new, self.changed.values(), self.update_fields)

    def run(
        self, table: Table, *, commit: bool, progress: Callable[[int, int], None] | None = None
    ) -> ImportResult:
        keys = self.header_keys(table)
        missing = self.missing_identity(set(keys.values()))
        if missing:
            message = _("缺少必需的列：%(columns)s") % {"columns": "、".join(missing)}
            return ImportResult([], committed=False, file_errors=[message])
        rows = [
            {key: clean_text(cells[i]) if i < len(cells) else "" for i, key in keys.items()}
            for cells in table.rows
        ]
        if not commit:
            return self.check(rows, progress, commit=False)
        with transaction.atomic():
            # Before anything is read: a file overlapping one being committed waits for it,
            # then reads what it wrote and updates instead of inserting the same records.
            self.serialise(rows)
            return self.check(rows, progress, commit=True)

    def check(self, rows: list[dict], progress, *, commit: bool) -> ImportResult:
        """Check every row against the database, then write (and keep, when committing)."""
        self.prepare(rows)
        outcomes: list[RowOutcome] = []
        seen: dict[tuple, int] = {}
        total = len(rows)
        for number, row in enumerate(rows, start=2):
            identity = self.identity(row)
            if identity in seen:
                duplicate = _("与第%(line)s行重复") % {"line": seen[identity]}
                outcomes.append(RowOutcome(number, ERROR, errors=[duplicate]))
                continue
            seen[identity] = number
            try:
                status, label = self.import_row(row)
                outcomes.append(RowOutcome(number, status, label))
            except RowError as error:
                outcomes.append(RowOutcome(number, ERROR, errors=error.messages))
            if progress and (number - 1) % 1000 == 0:
                progress(number - 1, total)
        if progress:
            progress(total, total)
        result = ImportResult(outcomes, committed=False)
        if result.has_errors:
            return result  # nothing was written: rows only queue their writes
        # The preview writes too and rolls back, so it reports what the database would refuse.
        with transaction.atomic():
            try:
                with transaction.atomic():
                    self.flush()
            except IntegrityError as error:
                result.file_errors.append(_("数据库拒绝写入：%(error)s") % {"error": error})
            if commit and not result.has_errors:
                result.committed = True
            else:
                transaction.set_rollback(True)
        return result

    def lock_scope(self, row: dict) -> tuple[str, str]:
        """What two files must share for their rows to be the same records: title and year."""
        return row.get("title", ""), row.get("year", "")

    def serialise(self, rows: list[dict]) -> None:
        """Take a transaction lock per title and year the rows name (PostgreSQL).

        pg_advisory_xact_lock holds until the transaction ends; keys are taken in order,
        so two files naming the same pairs cannot deadlock. Names are compared as search
        text (either script); a title named by its slug in one file and by its name in the
        other is not serialised, and then a database constraint, not the lock, holds.
        SQLite needs none: it has one writer at a time, and a transaction that read before
        another one wrote is refused ("database is locked") rather than writing twice.
        """
        if connection.vendor != "postgresql":
            return
        label = self.model._meta.label if self.model is not None else type(self).__name__
        scopes = {
            "\x1f".join(
                [label, *(text.normalize_for_search(part) for part in self.lock_scope(row))]
            )
            for row in rows
        }
        keys = sorted(
            int.from_bytes(
                hashlib.blake2b(scope.encode(), digest_size=8).digest(), "big", signed=True
            )
            for scope in scopes
        )
        with connection.cursor() as cursor:
            for key in keys:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def chunked_in(queryset, field: str, values, size: int = 5000) -> Iterator:
    """`queryset.filter(field__in=values)` in chunks, within SQLite's limit on parameters."""
    values = sorted(values)
    for start in range(0, len(values), size):
        yield from queryset.filter(**{f"{field}__in": values[start : start + size]})
