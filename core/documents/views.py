"""View mixins of the printed files, for the apps' list views (no app imported here)."""

from core import tabular
from core.documents.pdf import roll_pdf


class RollPdfMixin:
    """On a core.views.RollView: the roll the page would show, as a PDF download."""

    def render_to_response(self, context, **response_kwargs):
        return tabular.pdf_response(roll_pdf(context["roll"]), f"{self.filename}.pdf")


class ListFilenameMixin:
    """A list's files named from its filters (core.rolls.list_filename): the app sets
    ``filename_what`` (荣誉表彰, 最美家庭) for a list without a title filter."""

    filename_what = ""

    @property
    def filename(self) -> str:
        from core.rolls import list_filename

        form = self.get_filterset().form
        return list_filename(form.cleaned_data if form.is_valid() else {}, self.filename_what)
