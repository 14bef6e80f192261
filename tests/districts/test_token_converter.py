import json
from pathlib import Path

from django.contrib.auth.tokens import default_token_generator
from django.urls import resolve, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from inventory.models import new_survey_token
from sel_planner.accounts.models import Invitation
from vision.models import new_link_token

RUBRIC = Path(__file__).parents[2] / "rubric" / "data" / "casel_district_rubric_2021.json"


def _item_codes(node) -> list[str]:
    if isinstance(node, dict):
        own = [node["code"]] if "code" in node else []
        return own + [c for value in node.values() for c in _item_codes(value)]
    if isinstance(node, list):
        return [c for value in node for c in _item_codes(value)]
    return []


def test_every_real_token_and_code_fits_the_token_segment(cast):
    tokens = [new_survey_token(), new_link_token(), Invitation.new_token()]
    for token in tokens * 20:  # random: many draws reach "-" and "_"
        for name in ("vision_public:questionnaire", "inventory_public:survey"):
            path = reverse(name, kwargs={"token": token})
            assert resolve(path).kwargs == {"token": token}
    uid = urlsafe_base64_encode(force_bytes(cast.member.pk))
    reset = default_token_generator.make_token(cast.member)
    for token in (reset, "set-password"):
        path = reverse("accounts:password_reset_confirm", kwargs={"uidb64": uid, "token": token})
        assert resolve(path).kwargs == {"uidb64": uid, "token": token}
    codes = _item_codes(json.loads(RUBRIC.read_text()))
    assert len(codes) > 10
    for code in codes:
        path = reverse(
            "rubric:item", kwargs={"district": "riverbend", "cycle": "2026-27", "item": code}
        )
        assert resolve(path).kwargs["item"] == code
