"""The notice (公示) rules' own records: days off and on, and objections."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models.regions import Region


class CalendarDay(models.Model):
    """A day off or on that the national calendar does not say: a local holiday, or a year
    the calendar package does not know yet (core.workdays)."""

    date = models.DateField(_("日期"), unique=True)
    is_workday = models.BooleanField(_("工作日"), help_text=_("调休上班选是；放假选否。"))
    note = models.CharField(_("说明"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("节假日与调休")
        verbose_name_plural = _("节假日与调休")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.note}"


class ObjectionQuerySet(models.QuerySet):
    def for_record(self, record):
        content_type = ContentType.objects.get_for_model(record)
        return self.filter(content_type=content_type, object_id=record.pk)

    def in_region(self, region: Region):
        """Objections to records of the region's subtree (each record model's in_region)."""
        in_subtree = Q(pk__in=[])
        for content_type_id in self.values_list("content_type", flat=True).distinct():
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            records = model._default_manager.in_region(region).values("pk")
            in_subtree |= Q(content_type_id=content_type_id, object_id__in=records)
        return self.filter(in_subtree)


class Objection(models.Model):
    """An objection to a record in public notice, sent by a named person (实名) from
    /notices/. Private: only reviewers of the record's region see it; while one is open
    the record cannot be conferred (core.workflow)."""

    class State(models.TextChoices):
        OPEN = "open", _("待核查")
        UPHELD = "upheld", _("异议成立")
        DISMISSED = "dismissed", _("异议不成立")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    name = models.CharField(_("异议人姓名"), max_length=50)
    phone = models.CharField(_("联系电话"), max_length=20)
    content = models.TextField(_("异议内容"), max_length=2000)
    state = models.CharField(_("处理状态"), max_length=10, choices=State.choices, default="open")
    settled_note = models.TextField(_("核查结论"), blank=True)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("核查人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    settled_at = models.DateTimeField(_("核查时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)

    objects = ObjectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("公示异议")
        verbose_name_plural = _("公示异议")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="objection_record")]

    def __str__(self) -> str:
        return f"{self.record} · {self.name}"

    def scope_regions(self) -> list:
        record = self.record
        return record.scope_regions() if record is not None else []
