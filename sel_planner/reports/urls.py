from django.urls import path

from . import views

app_name = "reports"

job = "jobs/<uuid:code>/"

urlpatterns = [
    path("", views.home, name="home"),
    path("draft/", views.draft_edit, name="draft_edit"),
    path("draft/history/", views.draft_history, name="draft_history"),
    path("draft/history/<int:history_id>/restore/", views.draft_restore, name="draft_restore"),
    path("preview/<slug:kind>/", views.preview, name="preview"),
    path("request/", views.report_request, name="request"),
    path(job, views.job_detail, name="job"),
    path(f"{job}retry/", views.job_retry, name="job_retry"),
    path(f"{job}download/", views.download, name="download"),
    path(f"{job}delete/", views.job_delete, name="job_delete"),
    path("publish/", views.publish, name="publish"),
    path("unpublish/", views.unpublish, name="unpublish"),
]
