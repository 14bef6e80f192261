from django.urls import path

from .views import goals, priorities, reflection

app_name = "goals"

obj = "<uuid:code>/"

urlpatterns = [
    path("", goals.home, name="home"),
    path("smartie/", goals.guidelines, name="guidelines"),
    path("vision/", goals.workspace_edit, name="workspace_edit"),
    # Section 1: reflection and check-in
    path("reflection/", reflection.reflection, name="reflection"),
    path("reflection/notes/", reflection.discussion_notes, name="discussion_notes"),
    # Key SEL priorities from the vision
    path("priorities/", priorities.board, name="priorities"),
    path("priorities/notes/new/", priorities.note_add, name="note_add"),
    path(f"priorities/notes/{obj}move/", priorities.note_move, name="note_move"),
    path(f"priorities/notes/{obj}delete/", priorities.note_delete, name="note_delete"),
    path("priorities/clusters/new/", priorities.cluster_create, name="cluster_create"),
    path(f"priorities/clusters/{obj}merge/", priorities.cluster_merge, name="cluster_merge"),
    path(
        f"priorities/clusters/{obj}summary/", priorities.cluster_summarise, name="cluster_summarise"
    ),
    path(f"priorities/{obj}", priorities.priority_edit, name="priority_edit"),
    path(f"priorities/{obj}delete/", priorities.priority_delete, name="priority_delete"),
    # SMARTIE goals
    path(f"priorities/{obj}goal/", goals.goal_edit, name="goal_edit"),
    path(f"priorities/{obj}goal/check/", goals.goal_check, name="goal_check"),
    path(f"goal/{obj}", goals.goal_detail, name="goal"),
    path(f"goal/{obj}submit/", goals.goal_submit, name="goal_submit"),
    path(f"goal/{obj}approve/", goals.goal_approve, name="goal_approve"),
    path(f"goal/{obj}return/", goals.goal_return, name="goal_return"),
    path(f"goal/{obj}delete/", goals.goal_delete, name="goal_delete"),
    path(f"goal/{obj}restore/", goals.goal_restore, name="goal_restore"),
    path(f"goal/{obj}comments/", goals.comment_add, name="comment_add"),
    path(f"goal/{obj}feedback/", goals.feedback_add, name="feedback_add"),
    path("history/<slug:kind>/<uuid:code>/", goals.history, name="history"),
    path(
        "history/<slug:kind>/<uuid:code>/<int:history_id>/restore/",
        goals.history_restore_view,
        name="history_restore",
    ),
]
