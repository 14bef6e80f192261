from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from goals.models import GoalsWorkspace, Reflection

from ..factories import MembershipFactory

URL = "/d/riverbend/2026-27/goals/reflection/"


def _answer(client, **changes):
    data = {
        "answer_a": "Equity is hardest.",
        "answer_b": "Students.",
        "own_comfort": "2",
        "committee_comfort": "3",
    }
    return client.post(URL, {**data, **changes})


def test_member_saves_a_private_reflection(cast):
    assert _answer(cast.client("member")).status_code == 302
    mine = Reflection.objects.get(author=cast.member)
    assert (mine.own_comfort, mine.committee_comfort, mine.answer_b) == (2, 3, "Students.")
    other_form = cast.client("lead").get(URL).context["form"]
    assert other_form["answer_a"].value() in (None, "")
    page = cast.client("lead").get(URL).content.decode()
    assert "Equity is hardest." in page
    assert cast.member.display_name not in page.split("The committee&#x27;s answers")[-1]


def test_distribution_counts_both_ratings(cast):
    _answer(cast.client("member"), own_comfort="2", committee_comfort="3")
    _answer(cast.client("lead"), own_comfort="2", committee_comfort="4")
    rows = cast.client("viewer").get(URL).context["distribution"]
    assert [(r["level"], r["own"], r["committee"]) for r in rows] == [
        (1, 0, 0),
        (2, 2, 0),
        (3, 0, 1),
        (4, 0, 1),
    ]
    assert rows[1]["own_width"] == 240 and rows[2]["committee_width"] == 120


def test_bad_rating_is_explained_and_text_kept(cast):
    response = _answer(cast.client("member"), own_comfort="7")
    assert response.status_code == 200
    assert response.context["form"].errors["own_comfort"] == ["Choose one of the four options."]
    assert "Equity is hardest." in response.content.decode()
    assert not Reflection.objects.exists()


def test_viewer_reads_but_cannot_answer(cast):
    page = cast.client("viewer").get(URL)
    assert page.status_code == 200 and "Your reflection" not in page.content.decode()
    assert _answer(cast.client("viewer")).status_code == 403


def test_only_the_lead_records_discussion_notes(cast):
    url = reverse("goals:discussion_notes", kwargs={"district": "riverbend", "cycle": "2026-27"})
    assert cast.client("member").post(url, {"discussion_notes": "x"}).status_code == 403
    assert (
        cast.client("lead")
        .post(url, {"discussion_notes": "We agreed to start with equity.", "version": 1})
        .status_code
        == 302
    )
    assert GoalsWorkspace.objects.get().discussion_notes == "We agreed to start with equity."
    assert "We agreed to start with equity." in cast.client("viewer").get(URL).content.decode()


def test_stale_reflection_edit_is_refused(cast):
    client = cast.client("member")
    _answer(client)
    _answer(client, answer_a="Second tab", version=1)
    stale = _answer(client, answer_a="Third tab", version=1)
    assert stale.status_code == 409
    assert Reflection.objects.get().answer_a == "Second tab"


def test_query_count_is_constant(cast):
    client = cast.client("lead")
    _answer(cast.client("member"))

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    small = count()
    for _ in range(29):
        person = MembershipFactory(district=cast.district).user
        Reflection.objects.create(
            cycle=cast.cycle, author=person, answer_a="A", own_comfort=3, committee_comfort=2
        )
    assert count() == small
