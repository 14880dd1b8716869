from django.urls import path

from . import official_views, pdf_views, views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("start/", views.report_start, name="start"),
    path("<int:pk>/", views.report_edit, name="edit"),
    path("<int:pk>/preview/", views.report_preview, name="preview"),
    path("<int:pk>/pdf/", pdf_views.report_pdf, name="pdf"),
    path("pdf-jobs/<int:pk>/", pdf_views.pdf_job, name="pdf-job"),
    path("pdf-jobs/<int:pk>/file/", pdf_views.pdf_file, name="pdf-file"),
    path("<int:pk>/docx/", views.report_docx, name="docx"),
    path("<int:pk>/official/", official_views.official_edit, name="official"),
    path("<int:pk>/finalise/", views.report_finalise, name="finalise"),
    path("finalising/<int:pk>/", views.finalise_job, name="finalise-job"),
    path("<int:pk>/redraft/", views.report_redraft, name="redraft"),
    path("<int:pk>/sections/add/", views.section_add, name="section-add"),
    path("sections/<int:pk>/", views.section_edit, name="section"),
    path("sections/<int:pk>/move/", views.section_move, name="section-move"),
]
