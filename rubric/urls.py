from django.urls import path

from .views import assessments, history, items, ratings, results

app_name = "rubric"

a = "<uuid:assessment>/"

urlpatterns = [
    path("", assessments.home, name="home"),
    path("items/", items.items, name="items"),
    path("items/<token:item>/", items.item_detail, name="item"),
    path("new/", assessments.assessment_create, name="assessment_create"),
    path(a, assessments.assessment_detail, name="assessment"),
    path(f"{a}edit/", assessments.assessment_edit, name="assessment_edit"),
    path(f"{a}rate/<token:item>/", ratings.rate, name="rate"),
    path(f"{a}submit/", assessments.submit, name="submit"),
    path(f"{a}review/", ratings.review, name="review"),
    path(f"{a}consensus/", ratings.consensus_accept, name="consensus_accept"),
    path(f"{a}consensus/<token:item>/", ratings.consensus, name="consensus"),
    path(f"{a}consensus/<token:item>/history/", history.history, name="consensus_history"),
    path(
        f"{a}consensus/<token:item>/history/<int:history_id>/restore/",
        history.consensus_restore,
        name="consensus_restore",
    ),
    path(f"{a}reveal/", assessments.reveal, name="reveal"),
    path(f"{a}close/", assessments.close, name="close"),
    path(f"{a}reopen/", assessments.reopen, name="reopen"),
    path(f"{a}results/", results.results, name="results"),
    path(f"{a}export.csv", results.export_csv, name="export"),
    path(f"{a}history/", history.history, name="history"),
]
