from django.urls import path

from . import views

app_name = "activities"

urlpatterns = [
    *views.activities.urls(),
    *views.honours.urls(),
    path("activity/<int:pk>/photos/", views.photo_upload, name="activity-photo-upload"),
    path("photo/<int:pk>/", views.photo, name="photo"),
    path("photo/<int:pk>/delete/", views.photo_delete, name="photo-delete"),
]
