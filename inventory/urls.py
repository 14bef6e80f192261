from django.urls import path

from .views import history, interviews, overview, people, programs, survey, transfer

app_name = "inventory"

obj = "<uuid:code>/"

urlpatterns = [
    path("", overview.home, name="home"),
    path("earlier/", overview.earlier, name="earlier"),
    path("selection/", overview.workspace_edit, name="workspace_edit"),
    path("complete/", overview.complete, name="complete"),
    # Section 1: learn from stakeholders
    path("people/", people.people, name="people"),
    path("people/new/", people.person_add, name="person_add"),
    path(f"people/{obj}", people.person_edit, name="person_edit"),
    path(f"people/{obj}delete/", people.person_delete, name="person_delete"),
    path(f"people/{obj}interview/", people.interview_start, name="interview_start"),
    path("interviews/", interviews.interviews, name="interviews"),
    path("interviews/new/", interviews.interview_new, name="interview_new"),
    path(f"interviews/{obj}", interviews.interview, name="interview"),
    path(f"interviews/{obj}autosave/", interviews.interview_autosave, name="interview_autosave"),
    path(f"interviews/{obj}done/", interviews.interview_finish, name="interview_finish"),
    path(f"interviews/{obj}delete/", interviews.interview_delete, name="interview_delete"),
    path(f"interviews/{obj}programs/", interviews.mention_add, name="mention_add"),
    path(f"mentions/{obj}", interviews.mention_edit, name="mention_edit"),
    path(f"mentions/{obj}autosave/", interviews.mention_autosave, name="mention_autosave"),
    path(f"mentions/{obj}match/", interviews.mention_match, name="mention_match"),
    path(f"mentions/{obj}delete/", interviews.mention_delete, name="mention_delete"),
    path("survey/", survey.survey, name="survey"),
    path("survey/close/", survey.survey_close, name="survey_close"),
    # Section 2: the inventory table
    path("table/", programs.table, name="table"),
    path("table/new/", programs.program_add, name="program_add"),
    path("table/removed/", history.removed, name="removed"),
    path("table/removed/<int:history_id>/", history.removed_restore, name="removed_restore"),
    path(f"programs/{obj}", programs.program, name="program"),
    path(f"programs/{obj}edit/", programs.program_edit, name="program_edit"),
    path(f"programs/{obj}cell/<slug:field>/", programs.cell_edit, name="cell_edit"),
    path(f"programs/{obj}delete/", programs.program_delete, name="program_delete"),
    path(f"programs/{obj}merge/", programs.program_merge, name="program_merge"),
    # Section 3: next steps
    path(f"programs/{obj}next-steps/", programs.next_steps, name="next_steps"),
    path("build-on/", programs.build_on, name="build_on"),
    # Export and import
    path("export/<slug:table>.<slug:fmt>", transfer.export, name="export"),
    path("import/", transfer.import_upload, name="import_upload"),
    path("import/preview/", transfer.import_preview, name="import_preview"),
    path("history/<slug:kind>/<uuid:code>/", history.history, name="history"),
    path(
        "history/<slug:kind>/<uuid:code>/<int:history_id>/restore/",
        history.history_restore_view,
        name="history_restore",
    ),
]
