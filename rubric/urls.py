from django.urls import path

from . import views

app_name = "rubric"

a = "<uuid:assessment>/"

urlpatterns = [
    path("", views.home, name="home"),
    path("items/", views.items, name="items"),
    path("items/<token:item>/", views.item_detail, name="item"),
    path("new/", views.assessment_create, name="assessment_create"),
    path(a, views.assessment_detail, name="assessment"),
    path(f"{a}edit/", views.assessment_edit, name="assessment_edit"),
    path(f"{a}rate/<token:item>/", views.rate, name="rate"),
    path(f"{a}submit/", views.submit, name="submit"),
    path(f"{a}review/", views.review, name="review"),
    path(f"{a}consensus/<token:item>/", views.consensus, name="consensus"),
    path(f"{a}consensus/<token:item>/history/", views.history, name="consensus_history"),
    path(
        f"{a}consensus/<token:item>/history/<int:history_id>/restore/",
        views.consensus_restore,
        name="consensus_restore",
    ),
    path(f"{a}reveal/", views.reveal, name="reveal"),
    path(f"{a}close/", views.close, name="close"),
    path(f"{a}reopen/", views.reopen, name="reopen"),
    path(f"{a}results/", views.results, name="results"),
    path(f"{a}export.csv", views.export_csv, name="export"),
    path(f"{a}history/", views.history, name="history"),
]
