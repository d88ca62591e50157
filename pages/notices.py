"""Public notices (公示) as the documents they are, and objections sent from them.

Records of one title, year and level whose notice began the same day form one 公示:
a document with its title (关于2026年度市级三八红旗手拟表彰对象的公示), its text, the
list in the official order (the apps' rolls), the period in working days, how to object,
the issuing body and the day it was published — at a stable URL, printable, linked
from /notices/. Anyone may object to a candidate while the notice runs, in her own name
(实名): the objection goes to core.objections, which keeps it private and holds the
record back from conferral until a reviewer settles it.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.generic import FormView, TemplateView

from config.security import client_ip
from core import cache, objections, tabular, workdays
from core.documents.pdf import render_pdf
from core.documents.script import name_in_script, roll_in_script, text_in_script
from core.models import Level
from core.validators import validate_phone
from core.views import CachedPageMixin, DownloadLimitMixin
from families.selectors import families_in_notice, families_of_notice, family_in_notice
from families.tabular import build_family_roll
from honors.selectors import honor_in_notice, honors_in_notice, honors_of_notice
from honors.tabular import build_honor_roll


@dataclass(frozen=True)
class Kind:
    """How one kind of record is noticed: its selectors, its roll and what it calls them."""

    in_notice: Callable
    of_notice: Callable
    one_in_notice: Callable
    build_roll: Callable
    candidates: str


KINDS = {
    "honors": Kind(
        honors_in_notice, honors_of_notice, honor_in_notice, build_honor_roll, _l("拟表彰对象")
    ),
    "families": Kind(
        families_in_notice,
        families_of_notice,
        family_in_notice,
        build_family_roll,
        _l("拟命名对象"),
    ),
}


@dataclass
class Notice:
    """One 公示: the records of a title, year and level noticed from the same day."""

    kind: str
    title: object
    year: int
    level: str
    start: datetime.date
    end: datetime.date
    contact: str
    records: list = field(default_factory=list)

    @property
    def heading(self) -> str:
        return _("关于%(year)s年度%(level)s%(title)s%(candidates)s的公示") % {
            "year": self.year,
            "level": Level(self.level).label,
            "title": self.title,
            "candidates": KINDS[self.kind].candidates,
        }

    @property
    def published(self):
        return min(record.notice_published_at for record in self.records)

    @property
    def issuing_body(self) -> str:
        bodies = {record.conferring_body for record in self.records} - {""}
        return bodies.pop() if len(bodies) == 1 else ""

    @property
    def working_days(self) -> int:
        return workdays.working_days(self.start, self.end).days

    def get_absolute_url(self) -> str:
        args = [self.kind, self.title.slug, self.year, self.level, self.start.isoformat()]
        return reverse("notice-document", args=args)


def group_notices(kind: str, records) -> list[Notice]:
    notices: dict[tuple, Notice] = {}
    for record in records:
        key = (record.title_id, record.year, record.level, record.notice_start)
        if key not in notices:
            notices[key] = Notice(
                kind,
                record.title,
                record.year,
                record.level,
                record.notice_start,
                record.notice_end,
                record.objection_contact,
            )
        notices[key].records.append(record)
    return list(notices.values())


class NoticeListView(CachedPageMixin, TemplateView):
    """What is in public notice (公示) today: each notice with its document, period, when it
    was published and how to object; plainly nothing when nothing is. A record leaves this
    page when its period ends. Only the public fields show."""

    template_name = "pages/notices.html"
    cache_apps = ("honors", "families")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        notices = [
            notice
            for kind, spec in KINDS.items()
            for notice in group_notices(kind, spec.in_notice(today))
        ]
        context.update(today=today, notices=sorted(notices, key=lambda n: (n.end, n.heading)))
        return context


class NoticeDocumentView(CachedPageMixin, TemplateView):
    """One 公示 as a printable document, at a URL that stays after the notice ends."""

    template_name = "pages/notice_document.html"
    cache_apps = ("honors", "families")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        spec = KINDS.get(kwargs["kind"])
        try:
            start = datetime.date.fromisoformat(kwargs["start"])
        except ValueError:
            raise Http404 from None
        if spec is None or kwargs["level"] not in Level.values:
            raise Http404
        queryset = spec.of_notice(
            title_slug=kwargs["slug"], year=kwargs["year"], level=kwargs["level"], start=start
        )
        records = list(queryset)
        if not records:
            raise Http404
        notice = group_notices(kwargs["kind"], records)[0]
        roll = spec.build_roll(queryset, {"year": notice.year, "level": notice.level})
        context.update(
            notice=notice,
            roll=roll,
            candidates=spec.candidates,
            in_notice=notice.start <= timezone.localdate() <= notice.end,
        )
        return context


class NoticeDocumentPdfView(DownloadLimitMixin, NoticeDocumentView):
    """The same 公示 as a PDF to post or print: A4, page numbers, CJK fonts embedded, in the
    visitor's script (the heading and text by phrases, names one-to-one), as the roll's PDF."""

    def render_to_response(self, context, **response_kwargs):
        notice, language = context["notice"], translation.get_language()
        pdf = render_pdf(
            "documents/notice.html",
            {
                "notice": notice,
                "roll": roll_in_script(context["roll"], language),
                "candidates": text_in_script(str(context["candidates"]), language),
                "heading": text_in_script(notice.heading, language),
                "contact": name_in_script(notice.contact, language),
                "issuing_body": name_in_script(notice.issuing_body, language),
            },
            language,
        )
        return tabular.pdf_response(pdf, f"{text_in_script(notice.heading, language)}.pdf")


class ObjectionForm(forms.Form):
    content = forms.CharField(
        label=_l("异议内容"), max_length=2000, widget=forms.Textarea(attrs={"rows": 6})
    )
    name = forms.CharField(label=_l("您的姓名"), max_length=50)
    phone = forms.CharField(label=_l("联系电话"), max_length=20, validators=[validate_phone])


class ObjectionView(FormView):
    """Object to one candidate in notice: no login, CSRF, a limit per address an hour."""

    template_name = "pages/objection_form.html"
    form_class = ObjectionForm

    def dispatch(self, request, *args, **kwargs):
        spec = KINDS.get(kwargs["kind"])
        self.record = spec.one_in_notice(kwargs["pk"], timezone.localdate()) if spec else None
        if self.record is None:
            raise Http404(_("该名单不在公示期内，不能提出异议。"))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(record=self.record, **kwargs)

    def form_valid(self, form):
        allowed = cache.within_limit(
            "objections", client_ip(self.request), settings.OBJECTIONS_PER_HOUR, 3600
        )
        if not allowed:
            form.add_error(None, _("提交过于频繁，请稍后再试，或按公示所列电话反映。"))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        objections.submit_objection(self.record, **form.cleaned_data)
        return render(self.request, "pages/objection_received.html", {"record": self.record})
