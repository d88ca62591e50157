from django.urls import path

from families import views

app_name = "families"

urlpatterns = [
    path("", views.FamilyListView.as_view(), name="list"),
    path("export.csv", views.FamilyCSVView.as_view(), name="export-csv"),
    path("export.xlsx", views.FamilyXLSXView.as_view(), name="export-xlsx"),
    path("roll/", views.FamilyRollView.as_view(), name="roll"),
    path("roll.docx", views.FamilyRollDocxView.as_view(), name="roll-docx"),
    path("roll.pdf", views.FamilyRollPdfView.as_view(), name="roll-pdf"),
    path("<int:pk>/", views.FamilyDetailView.as_view(), name="detail"),
]
