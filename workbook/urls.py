from django.urls import path

from . import views

app_name = "workbook"

urlpatterns = [
    path("", views.export_page, name="export"),
    path("jobs/<int:pk>/", views.job_status, name="job"),
    path("jobs/<int:pk>/download/", views.job_download, name="download"),
    path("indicators/", views.indicator_page, name="indicators"),
    path("rollup/", views.rollup_page, name="rollup"),
    path("rollup/indicators/", views.rollup_indicator_page, name="rollup-indicators"),
    path("rollup/export/", views.rollup_export, name="rollup-export"),
    path("rollup/import/", views.import_page, name="import"),
    path("external/<int:pk>/", views.external_detail, name="external-detail"),
    path("external/<int:pk>/void/", views.external_void, name="external-void"),
    path("keys/", views.signing_keys, name="signing-keys"),
    path("keys/public.pem", views.public_key_download, name="public-key"),
    path("keys/<int:pk>/void/", views.registered_key_void, name="registered-key-void"),
]
