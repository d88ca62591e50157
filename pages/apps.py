from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The pages that span the record apps: the front page, a region's page, the notices.

    It sits above programs, honors and families and reads them only through their
    selectors, so core imports no app. Its one table, the site identity, is shown on
    every public page (`public_data` with `every_page`: a change empties every cached page).
    """

    name = "pages"
    verbose_name = _("网站")
    public_data = True
    every_page = True
