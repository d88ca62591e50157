from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, register_converter
from django.utils.translation import gettext_lazy as _

from core import health, metrics
from core.converters import RegionCodeConverter
from core.views import switch_language
from pages.photos import photo

# Before the apps' URL modules are included: pages and reports use <region:code>.
register_converter(RegionCodeConverter, "region")

admin.site.site_header = _("妇联工作与表彰记录")
admin.site.site_title = _("妇联记录管理")
admin.site.index_title = _("数据录入与审核")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("language/", switch_language, name="switch-language"),
    # Photos go through a view that checks their record is public (pages.photos); behind
    # nginx it answers with X-Accel-Redirect and nginx sends the file.
    path(f"{settings.MEDIA_URL.lstrip('/')}<path:name>", photo, name="media"),
    # For the load balancer and monitoring; unprefixed by language (core.i18n), never cached.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", metrics.metrics, name="metrics"),
]

# The default language (simplified Chinese) has no prefix; /zh-hant/… and /en/… carry theirs.
urlpatterns += i18n_patterns(
    path("", include("pages.urls")),
    path("honors/", include("honors.urls")),
    path("families/", include("families.urls")),
    path("programs/", include("programs.urls")),
    path("reports/", include("reports.urls")),
    prefix_default_language=False,
)
