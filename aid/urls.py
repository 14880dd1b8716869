from django.urls import URLPattern

from . import views

app_name = "aid"

urlpatterns: list[URLPattern] = []
for viewset in views.VIEWSETS:
    urlpatterns += viewset.urls()
