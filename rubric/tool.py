from django.utils.translation import gettext_lazy as _

from sel_planner.districts.registry import WorkbookTool, register

TOOL = register(
    WorkbookTool(
        slug="rubric",
        title=_("Implementation rubric"),
        order=4,
        question=_("Where are we now?"),
        description=_(
            "Rate the district's systemic SEL implementation on 23 items in four focus areas, at the beginning and end of each school year, to mark progress and update the action plan."
        ),
        estimated_time=_("2-4 hours"),
        materials=_(
            "Completed SEL Program and Initiative Inventory along with any other documentation about the current use of SEL throughout the district office and schools."
        ),
    )
)
