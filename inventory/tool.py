from django.utils.translation import gettext_lazy as _

from sel_planner.districts.registry import WorkbookTool, register

TOOL = register(
    WorkbookTool(
        slug="inventory",
        title=_("Program and initiative inventory"),
        order=3,
        question=_("Where are we now, and where have we been?"),
        description=_(
            "Learn about past and current SEL-related work being implemented across the district, to establish the baseline of SEL implementation before creating or revising an action plan."
        ),
        estimated_time=_(
            "45-60 minutes per interview or focus group in section 1, plus 3-6 hours for organizing notes, synthesizing, and developing next steps in sections 2 and 3."
        ),
        materials=_(
            "Long-term SMARTIE goals for SEL, data that indicates which schools or departments are already using SEL programs and practices"
        ),
    )
)
