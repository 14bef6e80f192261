"""Access-matrix rules of the online questionnaire (committee side) and the public answer links."""

from datetime import timedelta

from sel_planner.districts.access import Need
from tests.access_rules import Open, Rule, _cycle


def _cycle_questionnaire(cast):
    from django.utils import timezone

    from vision.services import vision_setup
    from vision.services_links import questionnaire_publish

    vision_setup(cycle=cast.cycle)
    today = timezone.localdate()
    questionnaire_publish(
        cycle=cast.cycle,
        opens_on=today,
        closes_on=today + timedelta(days=14),
        ask_group=True,
        ask_name=False,
    )
    return _cycle(cast)


def _bad_token(cast):
    return {"token": "not-a-real-token"}


RULES = {
    "vision:questionnaire": Rule(_cycle_questionnaire, get=Need.READ, post=Need.EDIT),
    "vision:questionnaire_close": Rule(_cycle_questionnaire, post=Need.EDIT),
}

OPEN = {
    "vision_public:questionnaire": Open(kwargs=_bad_token, expect={"GET": 404, "POST": 404}),
    "vision_public:feedback": Open(kwargs=_bad_token, expect={"GET": 404, "POST": 404}),
}
