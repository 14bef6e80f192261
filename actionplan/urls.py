from django.urls import path

from .views import annual, history, plan, reflect

app_name = "actionplan"

obj = "<uuid:code>/"

urlpatterns = [
    path("", annual.home, name="home"),
    # Section 1: annual SMARTIE goals
    path(f"goal/{obj}annual/new/", annual.annual_create, name="annual_create"),
    path(f"annual/{obj}", annual.annual_detail, name="annual"),
    path(f"annual/{obj}edit/", annual.annual_edit, name="annual_edit"),
    path(f"annual/{obj}rationale/", annual.rationale_edit, name="rationale_edit"),
    path(f"annual/{obj}delete/", annual.annual_delete, name="annual_delete"),
    # Section 2: the one-year action plan, and doing it
    path(f"annual/{obj}quarter/<int:quarter>/", plan.milestone_edit, name="milestone_edit"),
    path(f"milestone/{obj}", plan.milestone_detail, name="milestone"),
    path(f"milestone/{obj}activity/new/", plan.activity_create, name="activity_create"),
    path(f"activity/{obj}", plan.activity_detail, name="activity"),
    path(f"activity/{obj}edit/", plan.activity_edit, name="activity_edit"),
    path(f"activity/{obj}delete/", plan.activity_delete, name="activity_delete"),
    path(f"notes/<slug:kind>/{obj}", plan.note_add, name="note_add"),
    path("mine/", plan.my_work, name="my_work"),
    path("mine/reminders/", plan.reminders, name="reminders"),
    # Reflect, improve, launch the next cycle
    path(f"annual/{obj}reflection/<slug:point>/", reflect.reflection_edit, name="reflection_edit"),
    path(f"annual/{obj}improvement/", reflect.improvement_edit, name="improvement_edit"),
    path("launch/", reflect.launch, name="launch"),
    path("history/<slug:kind>/<uuid:code>/", history.history, name="history"),
    path(
        "history/<slug:kind>/<uuid:code>/<int:history_id>/restore/",
        history.history_restore_view,
        name="history_restore",
    ),
]
