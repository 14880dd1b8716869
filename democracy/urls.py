from django.urls import path

from . import views

app_name = "democracy"

urlpatterns = [
    path("contract/expiring/", views.contract_expiring, name="contract-expiring"),
]
for viewset in views.VIEWSETS:
    urlpatterns += viewset.urls()
