from django.utils.translation import gettext_lazy as _

from sel_planner.districts.registry import WorkbookTool, register

TOOL = register(
    WorkbookTool(
        slug="vision",
        title=_("Shared vision"),
        order=1,
        question=_("Where do we want to go?"),
        description=_(
            "Develop a shared vision that clarifies what the district is striving toward and reflects what it values as critical to students' education: the anchor for SEL-related goals, plans, resources and continuous improvement."
        ),
        estimated_time=_(
            "Active committee meeting time is likely 6-10 hours, plus additional time for stakeholder communication and any facilitated stakeholder input sessions."
        ),
        materials=_(
            "Existing district vision, mission statement, core values, or other documentation of district priorities."
        ),
    )
)
