from django.urls import path

from . import views

app_name = "profiles"

urlpatterns = [
    path("", views.profile_list, name="list"),
    path("own/", views.own_profile_edit, name="own"),
    path("units/new/", views.unit_create, name="unit-create"),
    path("units/<int:pk>/", views.unit_edit, name="unit-edit"),
    path("from-import/<int:pk>/", views.unit_from_import, name="from-import"),
    path("keep-entered/<int:pk>/", views.unit_keep_entered, name="keep-entered"),
]
