from django.urls import path

from . import views

app_name = "funds"

urlpatterns = [
    path("summary/", views.summary, name="summary"),
]
for viewset in views.VIEWSETS:
    urlpatterns += viewset.urls()
