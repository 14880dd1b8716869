from django.urls import path

from . import settings_views, user_views, views

app_name = "unions"

urlpatterns = [
    path("", views.union_home, name="home"),
    path("settings/", settings_views.union_settings, name="settings"),
    path("branches/new/", settings_views.branch_create, name="branch-create"),
    path("branches/<int:pk>/", settings_views.branch_edit, name="branch-edit"),
    path("users/", user_views.user_list, name="users"),
    path("users/new/", user_views.user_create, name="user-create"),
    path("users/<int:pk>/", user_views.user_edit, name="user-edit"),
    path("users/<int:pk>/password/", user_views.user_password, name="user-password"),
    path("users/<int:pk>/remove/", user_views.user_remove, name="user-remove"),
    path("notices/acknowledge/", views.notices_acknowledge, name="notices-acknowledge"),
]
