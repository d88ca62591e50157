from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.latest_report, name="latest"),
    path("<int:year>/", views.ReportView.as_view(), name="year"),
    path("<int:year>.docx", views.ReportDocxView.as_view(), name="docx"),
    path("<int:year>.xlsx", views.ReportXlsxView.as_view(), name="xlsx"),
    path("<int:year>/<region:code>/", views.ReportView.as_view(), name="region"),
    path("<int:year>/<region:code>.docx", views.ReportDocxView.as_view(), name="region-docx"),
    path("<int:year>/<region:code>.xlsx", views.ReportXlsxView.as_view(), name="region-xlsx"),
]
