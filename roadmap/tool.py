from django.utils.translation import gettext_lazy as _

from sel_planner.districts.registry import WorkbookTool, register

TOOL = register(
    WorkbookTool(
        slug="roadmap",
        title=_("Long-term roadmap"),
        order=5,
        question=_("How do we get from where we are now to where we want to be?"),
        description=_(
            "Develop a three- to five-year SEL implementation roadmap for how the district’s long-term SEL goals and shared vision will be achieved."
        ),
        estimated_time=_("2 hours per section, or about 4 hours total"),
        materials=_(
            "Districtwide vision and long-term SEL SMARTIE goals, data to help assess progress toward goals, completed SEL program and initiative inventory and implementation rubric, districtwide strategic plan or other guiding documents"
        ),
    )
)
