from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from unions import views as union_views

urlpatterns = [
    path("", union_views.home, name="home"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(success_url="/"),
        name="password_change",
    ),
    path("u/<str:code>/", include("unions.urls")),
    path("u/<str:code>/members/", include("members.urls")),
    path("u/<str:code>/audit/", include("audit.urls")),
    path("u/<str:code>/activities/", include("activities.urls")),
    path("u/<str:code>/welfare/", include("welfare.urls")),
    path("u/<str:code>/democracy/", include("democracy.urls")),
    path("u/<str:code>/rights/", include("rights.urls")),
    path("u/<str:code>/works/", include("works.urls")),
    path("u/<str:code>/funds/", include("funds.urls")),
    path("u/<str:code>/reports/", include("reports.urls")),
    path("u/<str:code>/workbook/", include("workbook.urls")),
    path("u/<str:code>/imports/", include("imports.urls")),
    path("u/<str:code>/profiles/", include("profiles.urls")),
    path("u/<str:code>/aid/", include("aid.urls")),
    path("admin/", admin.site.urls),
]

# A refused parameter (records.params.BadParameter) gets a Chinese page saying what was wrong.
handler400 = "records.params.bad_request"
