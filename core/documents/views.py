"""View mixins of the printed files, for the apps' list views (no app imported here)."""

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _

from core import tabular
from core.documents.pdf import roll_pdf

# A public PDF is laid out on the request: a list longer than this (every honour of every
# year) is refused with a message rather than tying up a worker for minutes.
MAX_PDF_ENTRIES = 3000


class RollPdfMixin:
    """On a core.views.RollView: the roll the page would show, as a PDF download."""

    def is_download(self) -> bool:
        # A PDF takes seconds to lay out: it counts against the visitor's downloads where the
        # view limits them (core.views.DownloadLimitMixin, which asks this).
        return True

    def render_to_response(self, context, **response_kwargs):
        roll = context["roll"]
        if roll.count > MAX_PDF_ENTRIES:
            message = _("名单有%(count)s条，超过PDF的上限%(limit)s条：请先按年度、级别或称号筛选。")
            return HttpResponseBadRequest(
                message % {"count": roll.count, "limit": MAX_PDF_ENTRIES},
                content_type="text/plain; charset=utf-8",
            )
        return tabular.pdf_response(roll_pdf(roll), f"{self.filename}.pdf")


class ListFilenameMixin:
    """A list's files named from its filters (core.rolls.list_filename): the app sets
    ``filename_what`` (荣誉表彰, 最美家庭) for a list without a title filter."""

    filename_what = ""

    @property
    def filename(self) -> str:
        from core.rolls import list_filename

        form = self.get_filterset().form
        return list_filename(form.cleaned_data if form.is_valid() else {}, self.filename_what)
