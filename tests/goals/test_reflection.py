import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from goals.models import GoalsWorkspace, Reflection
from sel_planner.charts import COMFORT_BAR_LENGTH

from ..factories import MembershipFactory

URL = "/d/riverbend/2026-27/goals/reflection/"
NOTES_URL = "/d/riverbend/2026-27/goals/reflection/notes/"


def _answer(client, **changes):
    data = {
        "answer_a": "Equity is hardest.",
        "answer_b": "Students.",
        "own_comfort": "2",
        "committee_comfort": "3",
    }
    return client.post(URL, {**data, **changes})


def _committee_part(html: str) -> str:
    return html.split('id="committee-heading"', 1)[1]


def test_urls_are_the_ones_the_tests_use():
    kwargs = {"district": "riverbend", "cycle": "2026-27"}
    assert reverse("goals:reflection", kwargs=kwargs) == URL
    assert reverse("goals:discussion_notes", kwargs=kwargs) == NOTES_URL


def test_page_shows_the_workbook_questions(cast):
    html = cast.client("member").get(URL).content.decode()
    assert "<h1>SEL Planning Committee Reflection and Check-In:</h1>" in html
    assert "Which seems like the easiest? Why?" in html
    assert "Who else needs to be included to ensure inclusivity and equity" in html
    for label in (
        "1. Not at all comfortable",
        "2. Slightly comfortable",
        "3. Moderately comfortable",
        "4. Very comfortable",
    ):
        assert label in html
    assert html.count('name="own_comfort"') == 4
    assert html.count('name="committee_comfort"') == 4
    assert 'type="radio"' in html and "<textarea" in html


def test_member_saves_own_reflection_and_edits_it(cast):
    client = cast.client("member")
    assert _answer(client).status_code == 302
    mine = Reflection.objects.get(cycle=cast.cycle, author=cast.member)
    assert (mine.answer_a, mine.answer_b, mine.own_comfort, mine.committee_comfort) == (
        "Equity is hardest.",
        "Students.",
        2,
        3,
    )
    form = client.get(URL).context["form"]
    assert form["answer_a"].value() == "Equity is hardest."
    assert form["own_comfort"].value() == 2
    assert form["version"].value() == 1
    assert _answer(client, answer_a="Measurable is hardest.", version=1).status_code == 302
    mine.refresh_from_db()
    assert (mine.answer_a, mine.version) == ("Measurable is hardest.", 2)
    assert Reflection.objects.count() == 1


def test_reflection_is_private_in_the_form_but_shown_anonymously(cast):
    _answer(cast.client("member"), answer_a="Member's own challenge", answer_b="Bus drivers")
    response = cast.client("lead").get(URL)
    form = response.context["form"]
    assert form.instance.pk is None
    assert form["answer_a"].value() in (None, "")
    assert form["answer_b"].value() in (None, "")
    assert form["own_comfort"].value() is None
    assert response.context["answers"] == {"a": ["Member's own challenge"], "b": ["Bus drivers"]}
    committee = _committee_part(response.content.decode())
    assert "Member&#x27;s own challenge" in committee and "Bus drivers" in committee
    for name in (cast.member.display_name, cast.member.email):
        assert name not in committee


def test_answers_of_everyone_are_listed_together(cast):
    _answer(cast.client("member"), answer_a="Zebra idea", answer_b="")
    _answer(cast.client("lead"), answer_a="apple idea", answer_b="Families")
    answers = cast.client("viewer").get(URL).context["answers"]
    assert answers == {"a": ["apple idea", "Zebra idea"], "b": ["Families"]}


def test_chart_counts_and_table_match(cast):
    _answer(cast.client("member"), own_comfort="2", committee_comfort="3")
    _answer(cast.client("lead"), own_comfort="2", committee_comfort="4")
    extra = MembershipFactory(district=cast.district).user
    Reflection.objects.create(cycle=cast.cycle, author=extra, answer_a="No ratings yet")
    response = cast.client("viewer").get(URL)
    chart = response.context["chart"]
    expected = [(1, 0, 0), (2, 2, 0), (3, 0, 1), (4, 0, 1)]
    assert [(r["level"], r["own"], r["committee"]) for r in chart["rows"]] == expected
    assert chart["total"] == 3
    # Bars are scaled to the largest count.
    assert chart["rows"][1]["own_bar"]["width"] == str(COMFORT_BAR_LENGTH)
    assert chart["rows"][2]["committee_bar"]["width"] == str(COMFORT_BAR_LENGTH // 2)
    assert chart["rows"][0]["own_bar"]["width"] == "0"

    html = response.content.decode()
    svg = html[html.index('<svg class="comfort-chart"') : html.index("</svg>")]
    assert 'role="img"' in svg and 'aria-labelledby="comfort-chart-title' in svg
    assert '<title id="comfort-chart-title">' in svg
    assert "style=" not in svg
    table = html[html.index('<table class="table table-sm comfort-table">') :]
    table = table[: table.index("</table>")]
    assert "<caption>" in table and table.count('<th scope="col"') == 3
    cells = re.findall(
        r'<th scope="row">([^<]+)</th>\s*<td class="text-end">(\d+)</td>\s*'
        r'<td class="text-end">(\d+)</td>',
        table,
    )
    assert [(label[:1], int(own), int(committee)) for label, own, committee in cells] == [
        (str(level), own, committee) for level, own, committee in expected
    ]


def test_bad_rating_is_explained_and_text_kept(cast):
    response = _answer(cast.client("member"), own_comfort="7", answer_a="Kept text")
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["own_comfort"] == ["Choose one of the four options."]
    html = response.content.decode()
    assert "Choose one of the four options." in html and "Kept text" in html
    assert not Reflection.objects.exists()
    response = _answer(cast.client("member"), committee_comfort="abc")
    assert response.context["form"].errors["committee_comfort"] == [
        "Choose one of the four options."
    ]
    assert not Reflection.objects.exists()


def test_ratings_may_be_left_blank(cast):
    assert _answer(cast.client("member"), own_comfort="", committee_comfort="").status_code == 302
    mine = Reflection.objects.get()
    assert (mine.own_comfort, mine.committee_comfort) == (None, None)


def test_bad_rating_on_an_existing_reflection_changes_nothing(cast):
    client = cast.client("member")
    _answer(client)
    response = _answer(client, own_comfort="0", answer_a="New text", version=1)
    assert response.status_code == 200 and "New text" in response.content.decode()
    mine = Reflection.objects.get()
    assert (mine.answer_a, mine.own_comfort, mine.version) == ("Equity is hardest.", 2, 1)


def test_viewer_reads_but_cannot_answer(cast):
    _answer(cast.client("member"), answer_a="Visible to viewers")
    page = cast.client("viewer").get(URL)
    html = page.content.decode()
    assert page.status_code == 200 and page.context["form"] is None
    assert "Your reflection" not in html and "Save my reflection" not in html
    assert "Visible to viewers" in html and 'class="comfort-chart"' in html
    assert _answer(cast.client("viewer")).status_code == 403
    assert not Reflection.objects.filter(author=cast.viewer).exists()


def test_outsider_and_anonymous_cannot_see_it(cast):
    assert cast.client("outsider").get(URL).status_code == 404
    assert _answer(cast.client("outsider")).status_code == 404
    assert cast.client("outsider").get(NOTES_URL).status_code == 404
    assert cast.client(None).get(URL).status_code in (302, 404)
    assert not Reflection.objects.exists()


def test_only_the_lead_records_discussion_notes(cast):
    assert cast.client("member").get(NOTES_URL).status_code == 403
    assert cast.client("member").post(NOTES_URL, {"discussion_notes": "x"}).status_code == 403
    assert cast.client("viewer").post(NOTES_URL, {"discussion_notes": "x"}).status_code == 403
    assert not GoalsWorkspace.objects.filter(discussion_notes="x").exists()
    lead = cast.client("lead")
    assert lead.get(NOTES_URL).status_code == 200
    response = lead.post(
        NOTES_URL, {"discussion_notes": "We agreed to start with equity.", "version": 1}
    )
    assert response.status_code == 302 and response["Location"] == URL
    assert (
        GoalsWorkspace.objects.get(cycle=cast.cycle).discussion_notes
        == "We agreed to start with equity."
    )
    for who in ("viewer", "member"):
        assert "We agreed to start with equity." in cast.client(who).get(URL).content.decode()
    assert "Record the discussion notes" not in cast.client("member").get(URL).content.decode()
    assert "Record the discussion notes" in lead.get(URL).content.decode()


def test_stale_discussion_notes_are_refused(cast):
    lead = cast.client("lead")
    lead.get(NOTES_URL)
    lead.post(NOTES_URL, {"discussion_notes": "First", "version": 1})
    stale = lead.post(NOTES_URL, {"discussion_notes": "Second", "version": 1})
    assert stale.status_code == 409
    assert GoalsWorkspace.objects.get(cycle=cast.cycle).discussion_notes == "First"


def test_stale_reflection_edit_is_refused(cast):
    client = cast.client("member")
    _answer(client)
    assert _answer(client, answer_a="Second tab", version=1).status_code == 302
    stale = _answer(client, answer_a="Third tab", version=1)
    assert stale.status_code == 409
    assert "Third tab" in stale.content.decode()
    assert Reflection.objects.get().answer_a == "Second tab"
    # Saving the merge form (which carries the newer version) keeps the user's text.
    assert _answer(client, answer_a="Third tab", version=2).status_code == 302
    assert Reflection.objects.get().answer_a == "Third tab"


def test_form_opened_before_the_first_save_is_a_conflict(cast):
    client = cast.client("member")
    _answer(client, answer_a="First tab")
    stale = _answer(client, answer_a="Other tab")  # no version: opened with no reflection yet
    assert stale.status_code == 409
    assert Reflection.objects.get().answer_a == "First tab"


def test_query_count_is_constant(cast):
    client = cast.client("member")
    _answer(client)

    def page():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(URL)
        assert response.status_code == 200
        return [q["sql"] for q in captured.captured_queries], response

    small, response = page()
    assert response.context["chart"]["total"] == 1
    for index in range(29):
        person = MembershipFactory(district=cast.district).user
        Reflection.objects.create(
            cycle=cast.cycle,
            author=person,
            answer_a=f"A{index}",
            answer_b=f"B{index}",
            own_comfort=index % 4 + 1,
            committee_comfort=(index + 1) % 4 + 1,
        )
    large, response = page()
    assert response.context["chart"]["total"] == 30
    assert len(response.context["answers"]["a"]) == 30
    assert len(large) == len(small)
    # Both ratings of every level are counted by one aggregate query.
    counting = [sql for sql in large if "COUNT(" in sql.upper() and "goals_reflection" in sql]
    assert len(counting) == 1
