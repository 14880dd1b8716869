from django.urls import path

from . import import_views, lookup, views
from .cadres import cadres

app_name = "members"

urlpatterns = [
    path("", views.member_list, name="list"),
    path("new/", views.member_create, name="create"),
    path("lookup/", lookup.member_lookup, name="lookup"),
    path("<int:pk>/", views.member_detail, name="detail"),
    path("<int:pk>/edit/", views.member_edit, name="edit"),
    path("<int:pk>/delete/", views.member_delete, name="delete"),
    path("import/", import_views.import_upload, name="import"),
    path("import/template/", import_views.import_template, name="import-template"),
    path("import/<int:pk>/", import_views.import_preview, name="import-preview"),
    path("import/<int:pk>/confirm/", import_views.import_confirm, name="import-confirm"),
    path("import/<int:pk>/errors.xlsx", import_views.import_errors, name="import-errors"),
    *cadres.urls(),
]
