from django.urls import path

from . import user_views, views

app_name = "unions"

urlpatterns = [
    path("", views.union_home, name="home"),
    path("users/", user_views.user_list, name="users"),
    path("users/new/", user_views.user_create, name="user-create"),
    path("users/<int:pk>/", user_views.user_edit, name="user-edit"),
    path("users/<int:pk>/password/", user_views.user_password, name="user-password"),
    path("users/<int:pk>/remove/", user_views.user_remove, name="user-remove"),
]
