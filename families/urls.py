from django.urls import path

from families import views

app_name = "families"

urlpatterns = [
    path("", views.FamilyListView.as_view(), name="list"),
    path("<int:pk>/", views.FamilyDetailView.as_view(), name="detail"),
]
