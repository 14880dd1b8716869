from django.urls import path

from . import import_views, lookup, views

app_name = "members"

urlpatterns = [
    path("", views.member_list, name="list"),
    path("new/", views.member_create, name="create"),
    path("lookup/", lookup.member_lookup, name="lookup"),
    path("<int:pk>/", views.member_detail, name="detail"),
    path("<int:pk>/edit/", views.member_edit, name="edit"),
    path("<int:pk>/delete/", views.member_delete, name="delete"),
    path("import/", import_views.import_upload, name="import"),
]
