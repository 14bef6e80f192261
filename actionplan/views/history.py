from sel_planner.districts.history_views import cycle_history_views

from .. import models
from ._common import page_context

HISTORY_KINDS = {
    "annual": models.AnnualGoal,
    "milestone": models.Milestone,
    "activity": models.Activity,
    "reflection": models.Reflection,
    "improvement": models.Improvement,
}


def _restore_members(*, obj, restored, history_id):
    if isinstance(restored, models.Milestone):  # the responsible members of that version too
        record = obj.history.get(history_id=history_id)
        restored.members.set(record.members.values_list("user_id", flat=True))


history, history_restore_view = cycle_history_views(
    namespace="actionplan", kinds=HISTORY_KINDS, template="actionplan/history.html",
    page_context=page_context, after_restore=_restore_members,
)  # fmt: skip
