"""The honour list's columns, declared once for exports, the import template and imports."""

from django.db.models import BooleanField, ExpressionWrapper, F, Value
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import Level, Status
from core.rolls import Roll, RollEntry, build_roll, roll_heading
from core.scoping import staff_region
from core.tabular import (
    NEW,
    OTHER_REGION,
    UNCHANGED,
    UPDATE,
    Collector,
    Column,
    Importer,
    RowError,
    assign_changed,
    changed_fields,
    check_fields,
    choice_column,
    parse_choice,
    parse_date,
    parse_year,
    text_column,
)
from core.text import pad_name
from honors.models import (
    Channel,
    Gender,
    Honor,
    HonorTitle,
    Recipient,
    RecipientKind,
    recipient_in_region,
)
from honors.selectors import roll_order

L = gettext_lazy

COLUMNS = [
    Column("year", L("年度"), lambda h: h.year, identity=True, width=8, sql=lambda: F("year")),
    text_column("title", L("称号"), "title__name", identity=True, width=18),
    choice_column("level", L("级别"), "level", Level, identity=True, width=8),
    choice_column("kind", L("类别"), "recipient__kind", RecipientKind, width=8),
    text_column("name", L("姓名或集体全称"), "recipient__name", identity=True, width=28),
    choice_column("gender", L("性别"), "recipient__gender", Gender, width=6),
    text_column("ethnicity", L("民族"), "recipient__ethnicity", width=8),
    text_column("unit", L("工作单位"), "unit", width=30),
    text_column("post", L("职务"), "post", width=14),
    text_column("region_code", L("地区代码"), "region__code", width=14),
    text_column("region", L("地区"), "region__name", width=14),
    choice_column("channel", L("途径"), "channel", Channel, width=10),
    text_column("body", L("授予机关"), "conferring_body", width=20),
    text_column("document_number", L("文号"), "document_number", width=18),
    text_column("deeds", L("事迹"), "deeds", width=40, running_text=True),
    choice_column("status", L("状态"), "status", Status, staff=True, width=10),
    Column("notice_start", L("公示开始"), lambda h: h.notice_start, staff=True, width=12),
    Column("notice_end", L("公示结束"), lambda h: h.notice_end, staff=True, width=12),
    text_column("objection_contact", L("异议联系方式"), "objection_contact", staff=True, width=24),
    text_column("id_number", L("身份证号码"), "recipient__id_number", private=True, width=22),
    text_column("phone", L("联系电话"), "recipient__phone", private=True, width=14),
]
HEADER = {column.key: str(column.header) for column in COLUMNS}


def export_queryset(queryset):
    """What a file needs from each honour, read in chunks without a query per row."""
    # prefetch_related(None): the list's photos are not in the file.
    queryset = queryset.prefetch_related(None).select_related("title", "recipient", "region")
    return queryset.iterator(chunk_size=2000)


def recipient_scope(user):
    """The condition that places a recipient in `user`'s scope, for filters and annotations
    (honors.models.recipient_in_region, the rule every door uses). None: everywhere."""
    scope = staff_region(user) if user is not None else None
    return None if scope is None else recipient_in_region(scope)


def recipients_in_scope(user):
    """The recipients `user` may match, read and write (see recipient_scope); the operator's
    commands (user None) and the city's staff: all."""
    condition = recipient_scope(user)
    return Recipient.objects.all() if condition is None else Recipient.objects.filter(condition)


class HonorImporter(Importer):
    """Rows of honours: the same recipient, title, level and year update instead of doubling.

    A recipient is the same person when the ID number matches, or when an honour
    of this very title, level and year is already held by someone of that name;
    a collective is the same when its full name matches.

    Scope: a row that matches an honour outside the importer's subtree (by its current
    region), or a recipient outside it (by ID number, see recipient_scope), is an error on
    that row, never an update; collectives are matched by name within scope only.

    Status: see Importer.check_workflow — new honours are drafts (or 已提交审核), an
    existing one keeps its status and notice, and one past review is not rewritten
    (its recipient's phone and ID number may still be corrected).
    """

    columns = COLUMNS
    private_fields = frozenset({"id_number", "phone"})

    def prepare(self, rows: list[dict]) -> None:
        super().prepare(rows)
        self.titles = list(HonorTitle.objects.all())
        names = {row.get("name", "") for row in rows} - {""}
        ids = {row.get("id_number", "").upper() for row in rows} - {""}
        # By ID number city-wide, since the number is unique: one held outside scope is
        # reported, not taken over and not doubled.
        condition = recipient_scope(self.user)
        in_scope = Value(True) if condition is None else condition
        self.by_id_number = {
            r.id_number: r
            for r in Recipient.objects.filter(id_number__in=ids).annotate(
                in_scope=ExpressionWrapper(in_scope, output_field=BooleanField())
            )
        }
        self.collectives = {
            r.name: r
            for r in recipients_in_scope(self.user).filter(
                kind=RecipientKind.COLLECTIVE, name__in=names
            )
        }
        self.awards: dict[tuple, list[Honor]] = {}
        for honor in Honor.objects.filter(recipient__name__in=names).select_related("recipient"):
            key = (
                honor.recipient.name,
                honor.recipient.kind,
                honor.title_id,
                honor.level,
                honor.year,
            )
            self.awards.setdefault(key, []).append(honor)
        self.new_recipients: dict[int, Recipient] = {}
        self.new_honors: list[Honor] = []
        self.changed_recipients: dict[int, Recipient] = {}
        self.changed_honors: dict[int, Honor] = {}

    def import_row(self, row: dict) -> tuple[str, str]:
        check = Collector()
        year = check(parse_year, row.get("year", ""), HEADER["year"])
        title = self.find_named(self.titles, row.get("title", ""), "title", check.errors)
        level = check(parse_choice, row.get("level", ""), Level, HEADER["level"])
        name = check.require(row.get("name", ""), HEADER["name"])
        kind = title.recipient_kind if title else RecipientKind.INDIVIDUAL
        if row.get("kind"):
            kind = check(parse_choice, row["kind"], RecipientKind, HEADER["kind"]) or kind
        gender = ""
        if kind == RecipientKind.INDIVIDUAL:
            gender = Gender.FEMALE
            if row.get("gender"):
                gender = check(parse_choice, row["gender"], Gender, HEADER["gender"])
        region = self.find_region(row, check.errors)
        channel = Channel.CONFERRED
        if row.get("channel"):
            channel = check(parse_choice, row["channel"], Channel, HEADER["channel"])
        status = None
        if row.get("status"):
            status = check(parse_choice, row["status"], Status, HEADER["status"])
        notice_start = check(parse_date, row.get("notice_start", ""), HEADER["notice_start"])
        notice_end = check(parse_date, row.get("notice_end", ""), HEADER["notice_end"])
        check.raise_if_any()

        held = self.awards.get((name, kind, title.pk, level, year), [])
        recipient = self._recipient(row, kind, name, held)
        if recipient.pk and not getattr(recipient, "in_scope", True):
            raise RowError([str(OTHER_REGION)])
        recipient_values = {"kind": kind, "name": name, "gender": gender}
        for key in ("ethnicity", "id_number", "phone"):
            if key in row or recipient.pk is None:
                value = row.get(key, "")
                recipient_values[key] = value.upper() if key == "id_number" else value
        honor = (
            next((h for h in held if h.recipient_id == recipient.pk), None)
            if recipient.pk
            else None
        )
        if honor is not None:
            self.check_in_scope(honor)
        honor = honor or Honor(title=title, level=level, year=year)
        honor_values = {"region": region, "channel": channel}
        for key, attribute in [
            ("body", "conferring_body"),
            ("document_number", "document_number"),
            ("unit", "unit"),
            ("post", "post"),
            ("deeds", "deeds"),
            ("objection_contact", "objection_contact"),
        ]:
            if key in row:
                honor_values[attribute] = row[key]
        if "notice_start" in row:
            honor_values["notice_start"] = notice_start
        if "notice_end" in row:
            honor_values["notice_end"] = notice_end
        # A file without a status column never publishes anything: new rows are drafts.
        honor_values["status"] = status or (honor.status if honor.pk else Status.DRAFT)
        recipient_changes = changed_fields(recipient, recipient_values) if recipient.pk else set()
        self.check_workflow(honor, honor_values, frozenset(recipient_changes))
        recipient_changed = assign_changed(recipient, recipient_values)
        honor_changed = assign_changed(honor, honor_values)
        label = f"{year} {title} {name}"
        if honor.pk and not (recipient_changed or honor_changed):
            return UNCHANGED, label
        check_fields(recipient)
        recipient.derive_keys()
        honor.recipient = recipient
        check_fields(honor, exclude=["recipient", "title", "region"])
        self._queue(recipient, recipient_changed, honor)
        return (UPDATE if honor.pk else NEW), label

    def _recipient(self, row: dict, kind: str, name: str, held: list[Honor]) -> Recipient:
        id_number = row.get("id_number", "").upper()
        if id_number and id_number in self.by_id_number:
            return self.by_id_number[id_number]
        if len(held) == 1 and not (
            id_number and held[0].recipient.id_number not in ("", id_number)
        ):
            return held[0].recipient
        if kind == RecipientKind.COLLECTIVE and name in self.collectives:
            return self.collectives[name]
        recipient = Recipient()
        if id_number:
            self.by_id_number[id_number] = recipient  # later rows of the file find this one
        if kind == RecipientKind.COLLECTIVE:
            self.collectives[name] = recipient
        return recipient

    def _queue(self, recipient: Recipient, recipient_changed: bool, honor: Honor) -> None:
        if recipient.pk is None:
            self.new_recipients[id(recipient)] = recipient
        elif recipient_changed:
            self.changed_recipients[recipient.pk] = recipient
        if honor.pk is None:
            self.new_honors.append(honor)
        else:
            self.changed_honors[honor.pk] = honor

    def flush(self) -> None:
        self.write(
            Recipient,
            self.new_recipients.values(),
            self.changed_recipients.values(),
            RECIPIENT_FIELDS,
        )
        for honor in [*self.new_honors, *self.changed_honors.values()]:
            honor.recipient = honor.recipient  # sets the key now that it exists, keeps the cache
            honor.derive_keys()
        self.write(Honor, self.new_honors, self.changed_honors.values(), HONOR_FIELDS)


RECIPIENT_FIELDS = [
    "kind",
    "name",
    "gender",
    "ethnicity",
    "id_number",
    "phone",
    "stroke_key",
    "pinyin_key",
    "search_text",
]
HONOR_FIELDS = [
    "updated_by",
    "title_rank",
    "stroke_key",
    "region",
    "channel",
    "conferring_body",
    "document_number",
    "unit",
    "post",
    "deeds",
    "status",
    "notice_start",
    "notice_end",
    "objection_contact",
    "search_text",
]


def roll_entry(honor: Honor) -> RollEntry:
    """One line of a printed list: padded name, ethnicity for minorities, unit and post."""
    recipient = honor.recipient
    if not recipient.is_individual:
        return RollEntry(recipient.name)
    name = pad_name(recipient.name)
    if recipient.ethnicity:
        name += f"（{recipient.ethnicity}）"
    return RollEntry(name, f"{honor.unit}{honor.post}")


def build_honor_roll(queryset, filters: dict) -> Roll:
    """The official list of the filtered honours, with a heading from the filters."""
    honors = list(roll_order(queryset).select_related("title", "recipient", "region"))
    bodies = {h.conferring_body for h in honors}
    numbers = {h.document_number for h in honors} - {""}
    level = filters.get("level")
    return build_roll(
        honors,
        group_of=lambda h: h.title.name,
        unit_of=lambda h: str(h.title.count_unit),
        region_of=lambda h: h.region,
        entry_of=roll_entry,
        heading=roll_heading(
            filters.get("year"),
            str(dict(Level.choices)[level]) if level else "",
            bodies.pop() if len(bodies) == 1 else "",
            _("表彰"),
        ),
        subheading=numbers.pop() if len(numbers) == 1 else "",
    )
