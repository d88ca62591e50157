"""The cross-app pages' URLs, included (without a namespace, names unchanged) by config.urls."""

from django.urls import path

from pages import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("regions/<region:code>/", views.RegionDetailView.as_view(), name="region-detail"),
    path("notices/", views.NoticeListView.as_view(), name="notices"),
]
