"""The workbook's interview protocol, advice and table headings (TOOL 3), verbatim."""

from django.utils.translation import gettext_lazy as _

OPENING = _(
    "Thank you for agreeing to speak with me today. I am %(interviewer)s, and today I want to hear from you about strategies and programs for social emotional learning (SEL) that have been tried for students in %(district)s. What you share will help our %(district)s SEL team to better develop a plan for districtwide SEL implementation for all students."
)
CLOSING = _(
    "Thank you for your time and for everything you've shared. I have learned a lot. What you have shared will help our SEL team to develop a plan for implementing SEL districtwide for all %(district)s students."
)
Q1_NOTE = _(
    "If the person asks what you mean by “social and emotional skills,” you can share that by SEL, we mean “the process through which children and adults understand and manage emotions, set and achieve positive goals, feel and show empathy for others, establish and maintain positive relationships, and make responsible decisions.”"
)
Q2_VARIANTS = {
    "district": _("For a district-level staff person: has your department tried?"),
    "school": _("For a school-level staff person: has your school tried?"),
    "community": _("For a community member: have you/your organization tried/been a part of?"),
}
# Question 2 as asked of each kind of respondent (the workbook's bold endings).
Q2_ASKED = {
    "district": _("2. What SEL-related programs and initiatives has your department tried?"),
    "school": _("2. What SEL-related programs and initiatives has your school tried?"),
    "community": _(
        "2. What SEL-related programs and initiatives have you/your organization tried/been a part of?"
    ),
}
PER_PROGRAM = _("For each program/initiative mentioned, ask the following questions:")
Q8_CONDITION = _(
    "Only ask this question if you don't already have access to the data and/or reports:"
)
Q8_FOLLOW_UP = _(
    "If not public, would you or someone else in your department/school/organization be able to share with me?"
)
Q9_NOTE = _("Some examples of resources include funding, time, and people/staff.")
Q11 = _(
    "11. What else should the %(district)s SEL team know about this program/initiative as we work on a plan for implementing SEL districtwide?"
)

SELECTING = [
    _(
        "When deciding who to speak with, you may wish to consider contextual factors such as the size of your district, the district's plan for SEL implementation, and staff capacity. For example, if your team is working in a small district, it may be possible to speak with someone in each school to learn about SEL they may be implementing."
    ),
    _(
        "If your district is larger and your SEL team is small, you may have to speak with people in a strategic sample of schools. For example, if there are schools in the district that have demonstrated improvements in key areas related to your district's long-term goals for SEL, then you may decide to speak with stakeholders from those schools. If you are planning to implement SEL using a cohort model (i.e. starting with a group of schools, and gradually expanding implementation to other schools), your work on this inventory can focus more on schools that will be in the first cohort."
    ),
    _(
        "As you select specific people to speak with, consider who can share details about current or past efforts that have been tried in the district that connect to SEL or related areas such as youth development, mental health, physical education, bullying prevention, or related areas."
    ),
]
PREPARING = [
    _(
        "First, gather any previous program and initiative inventories that have been completed, so you can build on that prior work and learning."
    ),
    _("Allot 45 minutes to one hour for each interview."),
    _("Plan to take detailed notes or record each conversation."),
    _(
        "If it makes more sense for your team, you may decide to do group interviews or replicate this interview protocol in an online survey. This approach could allow you to learn from more schools and requires less time and energy than conducting individual interviews."
    ),
]
DISCUSSION = [
    ("d_implemented", _("Is the effort still being implemented?")),
    ("d_sel_goals", _("Is the effort achieving SEL-related goals?")),
    ("d_intended_goals", _("Is the effort achieving its intended goals?")),
    ("d_evidence", _("Is there strong evidence to document the impact of the effort?")),
    (
        "d_resources",
        _(
            "What resources (e.g. funding, personnel, time) are available to continue or reinstate the effort?"
        ),
    ),
    ("d_challenges", _("What challenges come along with the effort?")),
    (
        "d_reduce",
        _(
            "To what extent could the SEL team reduce the effect of (or eliminate) these challenges?"
        ),
    ),
]
