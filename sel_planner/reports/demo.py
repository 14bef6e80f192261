"""Demo report draft: the annual report narrative of the demo district's current cycle."""

from .models import DEFAULT_PUBLIC_SECTIONS, ReportDraft

DEMO_NARRATIVE = {
    "overview": (
        "Social and emotional learning (SEL) is how children and adults learn to understand and "
        "manage emotions, set and achieve goals, feel and show empathy, build relationships and "
        "make responsible decisions.\n"
        "Riverbend committed to districtwide SEL when the Board of Education adopted SEL as a "
        "strategic priority; an SEL planning committee has led the work since."
    ),
    "data": (
        "The committee used the district rubric (twice a year), the stakeholder questionnaire and "
        "listening sessions, and the student SEL competency assessment given each fall and spring."
    ),
    "learnings": (
        "Schools that protected time for adult SEL learning moved fastest on the rubric.\n"
        "Families want to hear about SEL more often and in their home languages.\n"
        "Next year we will extend professional learning to all middle schools and report to "
        "families each semester."
    ),
    "private_notes": "Check the spring survey figures with Research and Evaluation first.",
}


def seed_reports_demo(*, cycle) -> ReportDraft:
    draft = ReportDraft.objects.filter(cycle=cycle).first() or ReportDraft(cycle=cycle)
    changed = [key for key, text in DEMO_NARRATIVE.items() if getattr(draft, key) != text]
    if draft.pk and not changed:
        return draft
    for key, text in DEMO_NARRATIVE.items():
        setattr(draft, key, text)
    draft.public_sections = list(DEFAULT_PUBLIC_SECTIONS)
    if draft.pk:
        draft.version += 1
    draft.save()
    return draft
