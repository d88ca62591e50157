from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from core import health, metrics
from core.views import HomeView, NoticeListView, RegionDetailView, switch_language

admin.site.site_header = _("妇联工作与表彰记录")
admin.site.site_title = _("妇联记录管理")
admin.site.index_title = _("数据录入与审核")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("language/", switch_language, name="switch-language"),
    # For the load balancer and monitoring; unprefixed by language (core.i18n), never cached.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", metrics.metrics, name="metrics"),
]

# The default language (simplified Chinese) has no prefix; /zh-hant/… and /en/… carry theirs.
urlpatterns += i18n_patterns(
    path("", HomeView.as_view(), name="home"),
    path("honors/", include("honors.urls")),
    path("families/", include("families.urls")),
    path("programs/", include("programs.urls")),
    path("reports/", include("reports.urls")),
    path("regions/<str:code>/", RegionDetailView.as_view(), name="region-detail"),
    path("notices/", NoticeListView.as_view(), name="notices"),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
