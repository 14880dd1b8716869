from django.urls import URLPattern

from . import views

app_name = "works"

urlpatterns: list[URLPattern] = []
for viewset in views.VIEWSETS:
    urlpatterns += viewset.urls()
