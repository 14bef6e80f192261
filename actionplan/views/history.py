from sel_planner.districts.history_views import cycle_history_views
from sel_planner.districts.pages import page_context

from .. import models, services

HISTORY_KINDS = {
    "annual": models.AnnualGoal,
    "milestone": models.Milestone,
    "activity": models.Activity,
    "reflection": models.Reflection,
    "improvement": models.Improvement,
}

history, history_restore_view = cycle_history_views(
    namespace="actionplan",
    kinds=HISTORY_KINDS,
    template="actionplan/history.html",
    page_context=page_context,
    after_restore=services.history_members_restore,
)
