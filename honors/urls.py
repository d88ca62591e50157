from django.urls import path

from honors import views

app_name = "honors"

urlpatterns = [
    path("", views.HonorListView.as_view(), name="list"),
    path("export.csv", views.HonorCSVView.as_view(), name="export-csv"),
    path("export.xlsx", views.HonorXLSXView.as_view(), name="export-xlsx"),
    path("roll/", views.HonorRollView.as_view(), name="roll"),
    path("roll.docx", views.HonorRollDocxView.as_view(), name="roll-docx"),
    path("roll.pdf", views.HonorRollPdfView.as_view(), name="roll-pdf"),
    path("<int:pk>/", views.HonorDetailView.as_view(), name="detail"),
]
