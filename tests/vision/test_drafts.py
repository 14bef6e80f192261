"""Step 4: drafts of the vision statement, comparing them, removing them and the final vision."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from tests.factories import DraftFactory, FeedbackRoundFactory
from vision.diff import side_by_side, word_diff
from vision.models import DRAFT_CHECKLIST, Draft
from vision.selectors import final_draft


def _url(name, **kwargs):
    return reverse(f"vision:{name}", kwargs={"district": "riverbend", "cycle": "2026-27", **kwargs})


def _draft(cast, statement="All students thrive.", **fields):
    return DraftFactory(cycle=cast.cycle, statement=statement, author=cast.lead, **fields)


def _messages(response):
    return [str(m) for m in response.wsgi_request._messages]


# Drafts list


def test_empty_list_says_what_to_do_and_shows_the_example(cast):
    response = cast.client("viewer").get(_url("drafts"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Step 4: Draft the vision statement." in html
    assert "Example: District Shared Vision" in html
    assert "prepares all students academically, socially, and emotionally" in html
    assert "No draft yet." in html
    assert _url("draft_create") not in html, "a viewer gets no link to write"


def test_list_shows_drafts_in_order_with_checklist_and_final(cast):
    first = _draft(cast, "First words.", checklist=[0, 1, 2])
    _draft(
        cast,
        "Second words.",
        is_final=True,
        approved_by="Dr. Rivera",
        approving_body="Board of Education",
        approved_on=datetime.date(2026, 11, 3),
    )
    html = cast.client("member").get(_url("drafts")).content.decode()
    listed = html[html.index('id="draft-') :]
    assert listed.index("First words.") < listed.index("Second words."), "newest last"
    assert "Checklist: 3 of 5 hold" in html
    assert "Checklist: 0 of 5 hold" in html
    assert "Approved by Dr. Rivera" in html
    assert "Board of Education" in html
    assert _url("draft_edit", code=first.code) in html
    assert _url("draft_delete", code=first.code) in html
    assert _url("draft_finalise", code=first.code) not in html, "only the lead finalises"
    assert f"Written by {escape(cast.lead.display_name)}" in html, "the author is named"


# Create and edit


def test_member_creates_a_draft_with_its_checklist(cast):
    response = cast.client("member").post(
        _url("draft_create"), {"statement": "  Every student belongs.  ", "checklist": ["4", "0"]}
    )
    assert response.status_code == 302
    draft = Draft.objects.get()
    assert draft.statement == "Every student belongs."
    assert draft.checklist == [0, 4]
    assert draft.author == cast.member
    assert draft.cycle == cast.cycle
    assert not draft.is_final


def test_the_form_shows_the_workbook_checklist(cast):
    html = cast.client("member").get(_url("draft_create")).content.decode()
    for item in DRAFT_CHECKLIST:
        assert item in html


def test_statement_is_required_and_limited(cast):
    client = cast.client("member")
    response = client.post(_url("draft_create"), {"statement": "   "})
    assert "statement" in response.context["form"].errors
    response = client.post(_url("draft_create"), {"statement": "x" * 5001})
    assert "statement" in response.context["form"].errors
    response = client.post(_url("draft_create"), {"statement": "ok", "checklist": ["7"]})
    assert "checklist" in response.context["form"].errors
    assert not Draft.objects.exists()


def test_editing_keeps_the_author_and_saves_the_checklist(cast):
    draft = _draft(cast, checklist=[1])
    response = cast.client("member").post(
        _url("draft_edit", code=draft.code),
        {"statement": "Changed.", "checklist": ["2", "3"], "version": 1},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.statement, draft.checklist, draft.version) == ("Changed.", [2, 3], 2)
    assert draft.author == cast.lead


def test_a_new_draft_can_start_from_an_earlier_one(cast):
    draft = _draft(cast, "Start from me.")
    response = cast.client("member").get(_url("draft_create") + f"?from={draft.code}")
    assert response.context["form"]["statement"].value() == "Start from me."


def test_stale_edit_shows_both_versions_and_loses_nothing(cast):
    draft = _draft(cast, "Original.")
    # Someone else saves first.
    draft.statement, draft.version = "Saved by the lead.", 2
    draft.save()
    response = cast.client("member").post(
        _url("draft_edit", code=draft.code),
        {"statement": "My careful rewrite.", "checklist": ["0"], "version": 1},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Saved by the lead." in html
    assert "My careful rewrite." in html
    draft.refresh_from_db()
    assert draft.statement == "Saved by the lead.", "nothing is overwritten"
    # Saving again from the merge page (which carries the new version) keeps the rewrite.
    response = cast.client("member").post(
        _url("draft_edit", code=draft.code),
        {"statement": "My careful rewrite.", "checklist": ["0"], "version": 2},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.statement, draft.checklist) == ("My careful rewrite.", [0])


def test_the_final_draft_cannot_be_edited(cast):
    draft = _draft(cast, "Approved.", is_final=True, approved_by="Board")
    client = cast.client("lead")
    response = client.get(_url("draft_edit", code=draft.code))
    assert response.status_code == 302
    assert any("finalise it instead" in m for m in _messages(response))
    response = client.post(
        _url("draft_edit", code=draft.code), {"statement": "Sneaky.", "version": 1}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.statement == "Approved."


def test_drafts_of_another_district_are_not_found(cast):
    foreign = DraftFactory(cycle=cast.other_cycle, statement="Lakeside's vision.")
    client = cast.client("lead")
    assert client.get(_url("draft_edit", code=foreign.code)).status_code == 404
    assert client.get(_url("draft_delete", code=foreign.code)).status_code == 404
    assert client.get(_url("draft_finalise", code=foreign.code)).status_code == 404


def test_viewer_cannot_create_and_outsider_sees_nothing(cast):
    assert cast.client("viewer").get(_url("draft_create")).status_code == 403
    assert cast.client("viewer").post(_url("draft_create"), {"statement": "x"}).status_code == 403
    assert cast.client("outsider").get(_url("drafts")).status_code == 404
    assert cast.client("outsider").post(_url("draft_create"), {"statement": "x"}).status_code == 404
    assert not Draft.objects.exists()


# Compare


def test_word_diff_marks_removed_and_added_words():
    assert word_diff("We will provide an education.", "We will offer an education.") == [
        ("equal", "We will "),
        ("delete", "provide"),
        ("equal", " "),
        ("insert", "offer"),
        ("equal", " an education."),
    ]
    left, right = side_by_side("a b c", "a x c d")
    assert left == [("equal", "a "), ("delete", "b"), ("equal", " c")]
    assert right == [("equal", "a "), ("insert", "x"), ("equal", " c "), ("insert", "d")]
    assert side_by_side("same words", "same\nwords") == (
        [("equal", "same words")],
        [("equal", "same\nwords")],
    ), "spacing is not a change of wording"


def test_compare_marks_the_differences(cast):
    first = _draft(cast, "Our district will provide a world-class education.")
    second = _draft(cast, "Our district will offer a caring, world-class education for <all>.")
    response = cast.client("viewer").get(_url("draft_compare") + f"?a={first.code}&b={second.code}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<del>provide</del>" in html
    assert "<ins>offer</ins>" in html
    assert "<ins>caring,</ins>" in html
    assert "<ins>education for &lt;all&gt;.</ins>" in html, "statements are escaped, never trusted"
    assert "<del>education.</del>" in html
    assert "removed:" in html and "added:" in html, "screen readers hear what changed"


def test_compare_without_choice_offers_two_selects(cast):
    first, second = _draft(cast, "One."), _draft(cast, "Two.")
    response = cast.client("viewer").get(_url("draft_compare"))
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.fields) == {"a", "b"}
    assert form["a"].value() == first.code
    assert form["b"].value() == second.code
    html = response.content.decode()
    assert f'value="{first.code}"' in html


def test_compare_refuses_bad_and_foreign_codes(cast):
    mine = _draft(cast)
    foreign = DraftFactory(cycle=cast.other_cycle, statement="Lakeside.")
    client = cast.client("lead")
    url = _url("draft_compare")
    assert client.get(f"{url}?a={mine.code}&b={foreign.code}").status_code == 404
    assert client.get(f"{url}?a=not-a-code&b={mine.code}").status_code == 404
    assert client.get(f"{url}?a={mine.code}").status_code == 200, "one missing: choose"


# Delete


def test_delete_asks_first_then_removes_and_history_keeps_it(cast):
    draft = _draft(cast, "To be removed.")
    client = cast.client("member")
    response = client.get(_url("draft_delete", code=draft.code))
    assert response.status_code == 200
    assert "To be removed." in response.content.decode()
    assert Draft.objects.filter(pk=draft.pk).exists(), "asking removes nothing"
    response = client.post(_url("draft_delete", code=draft.code))
    assert response.status_code == 302
    assert not Draft.objects.filter(pk=draft.pk).exists()
    removal = Draft.history.filter(code=draft.code, history_type="-").get()
    assert removal.statement == "To be removed."
    assert removal.history_user == cast.member


def test_delete_refuses_the_final_draft(cast):
    draft = _draft(cast, is_final=True, approved_by="Board")
    client = cast.client("lead")
    for method in ("get", "post"):
        response = getattr(client, method)(_url("draft_delete", code=draft.code))
        assert response.status_code == 302
        assert any("final vision" in m for m in _messages(response))
    assert Draft.objects.filter(pk=draft.pk).exists()


def test_delete_refuses_a_draft_with_feedback(cast):
    draft = _draft(cast)
    FeedbackRoundFactory(draft=draft)
    response = cast.client("lead").post(_url("draft_delete", code=draft.code))
    assert response.status_code == 302
    assert any("feedback" in m for m in _messages(response))
    assert Draft.objects.filter(pk=draft.pk).exists()


# Finalise


def test_finalise_requires_an_approver(cast):
    draft = _draft(cast)
    client = cast.client("lead")
    response = client.get(_url("draft_finalise", code=draft.code))
    assert response.context["form"]["approved_on"].value() == timezone.localdate()
    response = client.post(
        _url("draft_finalise", code=draft.code),
        {"approved_by": " ", "approved_on": "2026-11-03", "version": 1},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["approved_by"] == ["Say who approved the vision."]
    assert "Say who approved the vision." in response.content.decode()
    response = client.post(
        _url("draft_finalise", code=draft.code),
        {"approved_by": "Dr. Rivera", "approved_on": "", "version": 1},
    )
    assert "approved_on" in response.context["form"].errors
    draft.refresh_from_db()
    assert not draft.is_final


def test_finalise_makes_the_cycle_vision_and_a_second_moves_it(cast):
    first, second = _draft(cast, "First."), _draft(cast, "Second.")
    client = cast.client("lead")
    response = client.post(
        _url("draft_finalise", code=first.code),
        {
            "approved_by": "Dr. Rivera",
            "approving_body": "Board of Education",
            "approved_on": "2026-11-03",
            "version": 1,
        },
    )
    assert response.status_code == 302
    assert final_draft(cycle=cast.cycle) == first
    first.refresh_from_db()
    assert (first.approved_by, first.approving_body, first.approved_on) == (
        "Dr. Rivera",
        "Board of Education",
        datetime.date(2026, 11, 3),
    )

    response = client.post(
        _url("draft_finalise", code=second.code),
        {"approved_by": "Board", "approved_on": "2027-01-10", "version": 1},
    )
    assert response.status_code == 302
    assert final_draft(cycle=cast.cycle) == second
    first.refresh_from_db()
    assert not first.is_final
    assert Draft.objects.filter(cycle=cast.cycle, is_final=True).count() == 1
    # The history keeps that the first draft was the final vision.
    states = list(first.history.order_by("history_date").values_list("is_final", flat=True))
    assert states == [False, True, False]
    assert "Second." in cast.client("viewer").get(_url("home")).content.decode()


def test_member_cannot_finalise(cast):
    draft = _draft(cast)
    client = cast.client("member")
    assert client.get(_url("draft_finalise", code=draft.code)).status_code == 403
    response = client.post(
        _url("draft_finalise", code=draft.code),
        {"approved_by": "Me", "approved_on": "2026-11-03", "version": 1},
    )
    assert response.status_code == 403
    draft.refresh_from_db()
    assert not draft.is_final
    assert cast.client("outsider").get(_url("draft_finalise", code=draft.code)).status_code == 404
