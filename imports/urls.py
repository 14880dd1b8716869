from django.urls import path

from . import views

app_name = "imports"

urlpatterns = [
    path("", views.import_home, name="home"),
    path("upload/", views.import_upload, name="upload"),
    path("template/", views.import_template, name="template"),
    path("<int:pk>/", views.import_preview, name="preview"),
    path("<int:pk>/mapping/", views.import_mapping, name="mapping"),
    path("<int:pk>/resolve/", views.import_resolve, name="resolve"),
    path("<int:pk>/confirm/", views.import_confirm, name="confirm"),
    path("<int:pk>/errors.xlsx", views.import_errors, name="errors"),
]
