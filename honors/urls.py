from django.urls import path

from honors import views

app_name = "honors"

urlpatterns = [
    path("", views.HonorListView.as_view(), name="list"),
    path("<int:pk>/", views.HonorDetailView.as_view(), name="detail"),
]
