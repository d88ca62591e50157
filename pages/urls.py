"""The cross-app pages' URLs, included (without a namespace, names unchanged) by config.urls."""

from django.urls import path

from pages import notices, views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("regions/<region:code>/", views.RegionDetailView.as_view(), name="region-detail"),
    path("notices/", notices.NoticeListView.as_view(), name="notices"),
    path(
        "notices/<str:kind>/<slug:slug>/<int:year>/<str:level>/<str:start>/",
        notices.NoticeDocumentView.as_view(),
        name="notice-document",
    ),
    path(
        "notices/<str:kind>/<slug:slug>/<int:year>/<str:level>/<str:start>/document.pdf",
        notices.NoticeDocumentPdfView.as_view(),
        name="notice-document-pdf",
    ),
    path(
        "notices/objection/<str:kind>/<int:pk>/",
        notices.ObjectionView.as_view(),
        name="notice-objection",
    ),
]
