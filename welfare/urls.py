from django.urls import path

from . import attachment_views, batch_views, hardship_views, standard_views, views

app_name = "welfare"

urlpatterns = [
    *views.hardship_files.urls(),
    path("hardship/<int:pk>/review/", views.hardship_review, name="hardship-review"),
    path(
        "hardship/<int:pk>/accept-category/",
        hardship_views.hardship_accept_category,
        name="hardship-accept-category",
    ),
    *views.disbursements.urls(),
    path("disbursement/<int:pk>/submit/", views.disbursement_submit, name="disbursement-submit"),
    path("disbursement/<int:pk>/withdraw/", views.disbursement_withdraw, name="disbursement-withdraw"),
    path("disbursement/<int:pk>/pay/", views.disbursement_pay, name="disbursement-pay"),
    path("disbursement/pending/", views.disbursement_pending, name="disbursement-pending"),
    path("disbursement/decide/", views.disbursement_decide, name="disbursement-decide"),
    path("batch/", batch_views.batch_list, name="batch-list"),
    path("batch/new/", batch_views.batch_create, name="batch-create"),
    path("batch/<int:pk>/", batch_views.batch_detail, name="batch-detail"),
    path("batch/<int:pk>/submit/", batch_views.batch_submit, name="batch-submit"),
    path("batch/<int:pk>/sign-sheet.xlsx", batch_views.batch_sign_sheet, name="batch-sign-sheet"),
    path("batch/<int:pk>/sign-sheet.pdf", batch_views.batch_sign_sheet_pdf, name="batch-sign-sheet-pdf"),
    path("batch/<int:pk>/pay/", batch_views.batch_pay, name="batch-pay"),
    path(
        "disbursement/<int:pk>/attachments/",
        attachment_views.disbursement_attachment_upload,
        name="disbursement-attachment-upload",
    ),
    path(
        "hardship/<int:pk>/attachments/",
        attachment_views.hardship_attachment_upload,
        name="hardship-attachment-upload",
    ),
    path("attachment/<int:pk>/", attachment_views.attachment, name="attachment"),
    path("attachment/<int:pk>/delete/", attachment_views.attachment_delete, name="attachment-delete"),
    *views.donation_drives.urls(),
    *standard_views.standards.urls(),
    path("standard/living-line/", standard_views.living_line_edit, name="standard-living-line"),
]
