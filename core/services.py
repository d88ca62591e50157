"""The rules every write of a record obeys, whatever door it came through.

Each record app's services.py names its writes (`save_honor`, `save_family` …) and
calls these with what is its own (cross-row effects, its derived keys). What is here
is what every record shares, written once:

- **scope**: the account may write the record in its stored region and in its new one
  (core.scoping); a write outside raises `OutOfScope`, a PermissionDenied;
- **the workflow's fields** (status, notice dates, publication — each model's
  `workflow_fields`) change only through core.workflow: an edit, a revert to an older
  version from the history, or an import keeps what is stored; a new record starts at
  the fields' defaults (a draft, unpublished);
- **restoring** a deleted record from its history needs the permission to delete it (it
  undoes a deletion) and brings it back as a new record would be: a draft, unpublished;
- **authorship** (who entered it, who last changed it: the four-eyes rule reads them), the
  history's user and reason, `full_clean`, one transaction.

`user=None` is the operator running a management command: every region, every permission.
Only the operator may write records *as they stand* (`keep_workflow`): an archive restore
puts an export back with its statuses and notices, and the demo generators (demo/) make
conferred records, as a year's records stand once the workflow is over.

`bulk_save` is the variant for imports and generators: the same rules for thousands of
rows in a few queries, then the caller's writer (bulk insert or COPY, with history rows).

Each write says where its records are, stored and new (`writes_placed_by`), so the page
cache empties only those regions' pages (core.cache); what no service declares — a title, a
cross-row UPDATE, a write from a shell — empties the whole app's.
"""

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext as _

from core import copy_from, invalidation, scoping, versions
from core.models import Region, Status
from core.rekey import recompute

RESTORE_REASON = "从历史记录恢复"
# What a record may be written with outside the workflow's steps: the editor's own states.
ENTRY_STATUSES = frozenset({Status.DRAFT, Status.SUBMITTED})
SQLITE_PARAMETERS = 900


def _perm(record, action: str) -> str:
    opts = type(record)._meta
    return f"{opts.app_label}.{action}_{opts.model_name}"


def check_permission(user, record, action: str) -> None:
    if user is not None and not user.has_perm(_perm(record, action)):
        raise PermissionDenied(_("您没有权限进行这项操作。"))


def _keep_workflow_fields(record, stored) -> None:
    """An edit never moves a record through the workflow: stored values win, and a record
    that is not stored (new, or restored after deletion) starts where a new one does."""
    for name in getattr(type(record), "workflow_fields", ()):
        field = record._meta.get_field(name)
        value = getattr(stored, field.attname) if stored is not None else field.get_default()
        setattr(record, field.attname, value)


def set_authorship(record, user, *, created: bool) -> None:
    if user is None or not hasattr(record, "updated_by_id"):
        return
    if created:
        record.created_by = user
    record.updated_by = user


def _check_keep_workflow(keep_workflow: bool, user) -> None:
    if keep_workflow and user is not None:
        raise PermissionDenied(_("只有系统管理员可以按原状态写入记录。"))


@transaction.atomic
def save_record(
    record, *, user, reason: str = "", workflow_step: bool = False, keep_workflow: bool = False
):
    """Validate and save one record under the rules above; return it.

    `workflow_step` is for core.workflow only: the step has checked its own rules
    (reviewer, four eyes, notice) and sets the workflow's fields itself; authorship
    is left as it was, since a step is not an edit. `keep_workflow`: the operator's
    write of a record as it stands (see above).
    """
    _check_keep_workflow(keep_workflow, user)
    model = type(record)
    stored = None
    if record.pk is not None:
        stored = model._default_manager.select_for_update().filter(pk=record.pk).first()
    restoring = record.pk is not None and stored is None
    if stored is not None:
        scoping.check_may_write(user, stored)
    if not workflow_step:
        check_permission(user, record, "delete" if restoring else "change" if stored else "add")
        if not keep_workflow:
            _keep_workflow_fields(record, stored)
        set_authorship(record, user, created=stored is None)
        if restoring:
            reason = reason or RESTORE_REASON
    scoping.check_may_write(user, record)
    if hasattr(record, "derive_keys"):
        record.derive_keys()  # before full_clean: the keys are required columns
    record.full_clean()
    record._change_reason = reason
    record._history_user = user
    with writes_placed_by([stored, record], models=[model]):
        record.save()
    return record


@transaction.atomic
def delete_record(record, *, user, reason: str = "") -> None:
    """Delete one record the account may write; the history keeps it, with the reason."""
    check_permission(user, record, "delete")
    scoping.check_may_write(user, record)
    record._change_reason = reason or _("删除")
    record._history_user = user
    # What goes with it (its photos, a recipient's honours) belongs to it, in its app.
    models = apps.get_app_config(record._meta.app_label).get_models(include_auto_created=True)
    with writes_placed_by([record], models=models):
        record.delete()


def writes_placed_by(records, *, models=None):
    """A block whose writes to `models` (the records' own by default) touch only records in
    the regions of `records` (core.invalidation.writes_in). Records without regions (a
    program, a title: the city's) declare nothing, so their writes empty the app's pages."""
    records = [record for record in records if record is not None]
    paths = {region.path for record in records for region in scoping.regions_of(record)}
    models = models if models is not None else {type(record) for record in records}
    return invalidation.writes_in(models, paths)


@transaction.atomic
def save_title(title, records, *, user, reason: str = ""):
    """Save an honour or family title; its records' copy of the rank follows in one UPDATE,
    and when its name or order (按姓氏/按姓名笔画) changed, their keys are derived again
    (`records`: the title's records, with what their keys read selected)."""
    model = type(title)
    stored = model.objects.filter(pk=title.pk).values_list("name", "name_order").first()
    save_record(title, user=user, reason=reason)
    records.exclude(title_rank=title.rank).update(title_rank=title.rank)
    if stored is not None and stored != (title.name, title.name_order):
        rederive(records, ["stroke_key", "search_text"])
    return title


@transaction.atomic
def save_region(region, *, user, reason: str = ""):
    """Save a region; when its path changed (a new parent or code) its whole subtree —
    towns, villages — follows in one UPDATE, so every record counted in them is counted
    under the new parent at once."""
    stored = Region.objects.filter(pk=region.pk).values_list("path", flat=True).first()
    save_record(region, user=user, reason=reason)
    if stored and stored != region.path:
        Region.objects.filter(path__startswith=stored).exclude(pk=region.pk).update(
            path=Concat(Value(region.path), Substr("path", len(stored) + 1))
        )
    return region


def rederive(queryset, fields: list[str], *, assign=None) -> None:
    """Derive the keys of every record of `queryset` again and store `fields`, in batches
    (core.rekey): for the rows that copy another's keys (a renamed title's honours, say).
    Derived columns only, so no history rows."""

    def derive(record):
        if assign is not None:
            assign(record)
        record.derive_keys()

    recompute(queryset, fields, derive)


@transaction.atomic
def bulk_save(
    model,
    new: list,
    changed: list,
    fields: list[str],
    *,
    user,
    reason: str,
    writer,
    derive: bool = True,
    keep_workflow: bool = False,
):
    """Save many records under save_record's rules, for imports and generators.

    Scope: every new and changed record's region, and every changed record's stored one
    (one query per thousand rows). Workflow fields: never updated on stored records; a new
    record enters as a draft or submitted, never further — except when the operator writes
    records as they stand (`keep_workflow`: an archive restore, a generator). Keys derived
    (unless the caller has, `derive=False`), authorship set; then
    `writer(new, changed, update_fields)` writes them with their history rows.
    """
    _check_keep_workflow(keep_workflow, user)
    new, changed = list(new), list(changed)
    scope = scoping.staff_region(user)
    if scope is not None:
        stored_inside = set()
        pks = [record.pk for record in changed]
        for start in range(0, len(pks), SQLITE_PARAMETERS):
            chunk = pks[start : start + SQLITE_PARAMETERS]
            inside = model._default_manager.filter(pk__in=chunk).in_region(scope)
            stored_inside.update(inside.values_list("pk", flat=True))
        if len(stored_inside) < len(set(pks)) or not all(
            scoping.in_scope(user, region)
            for record in [*new, *changed]
            for region in _own_regions(record)
        ):
            raise scoping.OutOfScope(_("该记录属于其他地区，您不能修改。"))
    workflow = set() if keep_workflow else set(getattr(model, "workflow_fields", ()))
    for record in new if workflow else ():
        status = getattr(record, "status", None)
        _keep_workflow_fields(record, None)
        if status in ENTRY_STATUSES:
            record.status = status
    for record in [*new, *changed]:
        set_authorship(record, user, created=record.pk is None)
        if derive and hasattr(record, "derive_keys"):
            record.derive_keys()
    with invalidation.writes_in([model], _bulk_paths(model, new, changed)):
        writer(new, changed, [name for name in fields if name not in workflow])


def _bulk_paths(model, new: list, changed: list) -> set[str]:
    """The regions of records written in bulk, stored and new, in a query per thousand —
    for models placed by a `region` of their own; for others (a recipient is where her
    honours are) none, so the write empties the app's pages."""
    if not any(field.name == "region" for field in model._meta.concrete_fields):
        return set()
    ids = {record.region_id for record in [*new, *changed]}
    pks = [record.pk for record in changed]
    for start in range(0, len(pks), SQLITE_PARAMETERS):
        chunk = pks[start : start + SQLITE_PARAMETERS]
        ids.update(model._default_manager.filter(pk__in=chunk).values_list("region", flat=True))
    return versions.paths_of(ids)


def insert_new(model, *, batch_size: int = 2000):
    """A `bulk_save` writer for new records that nobody entered (the generators' records):
    COPY FROM on PostgreSQL (core.copy_from), bulk_create elsewhere; no history rows, since
    no one made a change to record. Keys are set on the records, so others can point at them.
    """

    def writer(new, changed, _fields):
        if changed:
            raise ValueError("insert_new writes new records only")
        if copy_from.available():
            copy_from.insert(model, new, history=False)
        else:
            model._default_manager.bulk_create(new, batch_size=batch_size)

    return writer


def _own_regions(record) -> list:
    """The regions a record names itself (no query): its region, or where it was entered."""
    for name in ("region", "entered_region"):
        if getattr(record, f"{name}_id", None) is not None:
            return [getattr(record, name)]
    return []


def insert_generated(model, records, *, derive: bool = True, batch_size: int = 2000) -> list:
    """The generators' door (demo/): new records as they stand, by the operator, through
    `bulk_save` (keys derived, workflow fields kept) and `insert_new`; returns them, keyed."""
    records = list(records)
    bulk_save(
        model,
        records,
        [],
        [],
        user=None,
        reason="",
        writer=insert_new(model, batch_size=batch_size),
        derive=derive,
        keep_workflow=True,
    )
    return records
