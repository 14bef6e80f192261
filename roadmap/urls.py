from django.urls import path

from .views import grid, pages, reflection, rollout

app_name = "roadmap"

obj = "<uuid:code>/"

urlpatterns = [
    path("", pages.home, name="home"),
    # Section 1: current progress
    path("reflection/", reflection.reflection, name="reflection"),
    path("reflection/new/", reflection.reflection_add, name="reflection_add"),
    path(f"reflection/{obj}", reflection.reflection_edit, name="reflection_edit"),
    path(f"reflection/{obj}delete/", reflection.reflection_delete, name="reflection_delete"),
    # Section 2: annual targets
    path("targets/", grid.grid, name="grid"),
    path("targets/priorities/", grid.roadmap_edit, name="roadmap_edit"),
    path(f"targets/goal/{obj}", grid.row_edit, name="row_edit"),
    path(f"targets/row/{obj}new/", grid.target_add, name="target_add"),
    path(f"targets/row/{obj}refresh/", grid.refresh_current, name="refresh_current"),
    path(f"targets/{obj}", grid.target_edit, name="target_edit"),
    path(f"targets/{obj}delete/", grid.target_delete, name="target_delete"),
    # Roll-out plan
    path("rollout/", rollout.rollout, name="rollout"),
    path("rollout/new/", rollout.rollout_add, name="rollout_add"),
    path(f"rollout/{obj}", rollout.rollout_edit, name="rollout_edit"),
    path(f"rollout/{obj}delete/", rollout.rollout_delete, name="rollout_delete"),
    path("pictures/", pages.pictures, name="pictures"),
    path("history/<slug:kind>/<uuid:code>/", pages.history, name="history"),
    path(
        "history/<slug:kind>/<uuid:code>/<int:history_id>/restore/",
        pages.history_restore_view,
        name="history_restore",
    ),
]
