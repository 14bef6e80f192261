from django.utils.translation import gettext_lazy as _

from sel_planner.districts.registry import WorkbookTool, register

TOOL = register(
    WorkbookTool(
        slug="goals",
        title=_("Long-term SMARTIE goals"),
        order=2,
        question=_("Where do we want to go?"),
        description=_(
            "Develop long-term goals for districtwide SEL implementation: key priorities drawn from the shared vision, each with a SMARTIE goal."
        ),
        estimated_time=_("4-6 hours"),
        materials=_(
            "Your district’s shared vision (either an overarching vision or an SEL-specific vision)."
        ),
    )
)
