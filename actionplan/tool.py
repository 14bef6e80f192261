from django.utils.translation import gettext_lazy as _

from sel_planner.districts.registry import WorkbookTool, register

TOOL = register(
    WorkbookTool(
        slug="actionplan",
        title=_("Annual goals and action plan"),
        order=6,
        question=_("How do we get from where we are now to where we want to be?"),
        description=_(
            "Develop goals and an action plan for a single year of districtwide SEL implementation, then reflect, improve and begin the next cycle."
        ),
        estimated_time=_("Section 1: 2 hours per goal Section 2: 3-4 hours per goal"),
        materials=_(
            "Districtwide SEL SMARTIE goals and completed long-term SEL implementation roadmap, district-specific guidance or templates for action-planning."
        ),
    )
)
