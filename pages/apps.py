from django.apps import AppConfig


class PagesConfig(AppConfig):
    """The pages that span the record apps: the front page, a region's page, the notices.

    It sits above programs, honors and families and reads them only through their
    selectors, so core imports no app.
    """

    name = "pages"
