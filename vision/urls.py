from django.urls import path

from .views import committee, drafts, feedback, links, overview, stakeholders, synthesis

app_name = "vision"

obj = "<uuid:code>/"

urlpatterns = [
    path("", overview.home, name="home"),
    path("start/", overview.start, name="start"),
    # Step 1: committee
    path("committee/", committee.committee, name="committee"),
    path("committee/notes/", committee.notes, name="committee_notes"),
    path("committee/roles/new/", committee.role_edit, name="role_create"),
    path(f"committee/roles/{obj}", committee.role_edit, name="role_edit"),
    path(f"committee/roles/{obj}delete/", committee.role_delete, name="role_delete"),
    path("committee/milestones/new/", committee.milestone_edit, name="milestone_create"),
    path(f"committee/milestones/{obj}", committee.milestone_edit, name="milestone_edit"),
    path(f"committee/milestones/{obj}delete/", committee.milestone_delete, name="milestone_delete"),
    path("committee/materials/new/", committee.material_edit, name="material_create"),
    path(f"committee/materials/{obj}", committee.material_edit, name="material_edit"),
    path(f"committee/materials/{obj}delete/", committee.material_delete, name="material_delete"),
    path(
        f"committee/materials/{obj}download/", committee.material_download, name="material_download"
    ),
    # Step 2: stakeholders
    path("stakeholders/", stakeholders.stakeholders, name="stakeholders"),
    path("stakeholders/groups/new/", stakeholders.group_edit, name="group_create"),
    path(f"stakeholders/groups/{obj}", stakeholders.group_edit, name="group_edit"),
    path("stakeholders/questions/new/", stakeholders.question_edit, name="question_create"),
    path(f"stakeholders/questions/{obj}", stakeholders.question_edit, name="question_edit"),
    path(
        f"stakeholders/questions/{obj}delete/", stakeholders.question_delete, name="question_delete"
    ),
    path("sessions/new/", stakeholders.session_edit, name="session_create"),
    path(f"sessions/{obj}", stakeholders.session_detail, name="session"),
    path(f"sessions/{obj}edit/", stakeholders.session_edit, name="session_edit"),
    path(f"sessions/{obj}delete/", stakeholders.session_delete, name="session_delete"),
    path(f"sessions/{obj}responses/", stakeholders.responses_record, name="responses_record"),
    path(f"responses/{obj}", stakeholders.response_edit, name="response_edit"),
    path(f"responses/{obj}delete/", stakeholders.response_delete, name="response_delete"),
    # Online questionnaire (committee side)
    path("questionnaire/", links.questionnaire, name="questionnaire"),
    path("questionnaire/close/", links.questionnaire_close, name="questionnaire_close"),
    # Step 3: synthesis
    path("synthesis/", synthesis.synthesis, name="synthesis"),
    path("synthesis/themes/new/", synthesis.theme_edit, name="theme_create"),
    path(f"synthesis/themes/{obj}", synthesis.theme_edit, name="theme_edit"),
    path(f"synthesis/themes/{obj}delete/", synthesis.theme_delete, name="theme_delete"),
    # Step 4: drafts and the final vision
    path("drafts/", drafts.drafts, name="drafts"),
    path("drafts/new/", drafts.draft_edit, name="draft_create"),
    path("drafts/compare/", drafts.draft_compare, name="draft_compare"),
    path(f"drafts/{obj}", drafts.draft_edit, name="draft_edit"),
    path(f"drafts/{obj}delete/", drafts.draft_delete, name="draft_delete"),
    path(f"drafts/{obj}final/", drafts.draft_finalise, name="draft_finalise"),
    # Step 5: feedback
    path("feedback/", feedback.rounds, name="feedback"),
    path("feedback/new/", feedback.round_create, name="feedback_create"),
    path("feedback/timeline/", feedback.timeline, name="feedback_timeline"),
    path(f"feedback/{obj}", feedback.round_detail, name="feedback_round"),
    path(f"feedback/{obj}close/", feedback.round_close, name="feedback_close"),
    # History of any vision record
    path("history/<slug:kind>/<uuid:code>/", overview.history, name="history"),
    path(
        "history/<slug:kind>/<uuid:code>/<int:history_id>/restore/",
        overview.history_restore_view,
        name="history_restore",
    ),
]
