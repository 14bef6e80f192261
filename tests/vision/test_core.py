"""The vision tool's overview and steps 1 to 3."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import EngagementSessionFactory, ResponseFactory, ThemeFactory
from vision.models import (
    COMMITMENT_PLACEHOLDER,
    CommitteeRole,
    EngagementSession,
    Material,
    Question,
    Response,
    StakeholderGroup,
    Theme,
    Vision,
)
from vision.services import vision_setup

BASE = "/d/riverbend/2026-27/vision/"


def _url(name, **kwargs):
    return reverse(f"vision:{name}", kwargs={"district": "riverbend", "cycle": "2026-27", **kwargs})


def test_a_new_cycle_starts_with_the_workbook_content_and_pages_only_read_it(cast):
    before = [m.objects.count() for m in (Vision, CommitteeRole, StakeholderGroup, Question)]
    assert cast.client("viewer").get(BASE).status_code == 200
    assert cast.client("member").get(_url("start")).status_code == 200
    after = [m.objects.count() for m in (Vision, CommitteeRole, StakeholderGroup, Question)]
    assert after == before, "opening pages creates nothing"
    assert Vision.objects.filter(cycle=cast.cycle).count() == 1
    roles = CommitteeRole.objects.filter(cycle=cast.cycle)
    assert [r.title for r in roles] == [
        "Lead/Project Manager",
        "Writer(s)",
        "Stakeholder engagement",
    ]
    assert StakeholderGroup.objects.filter(cycle=cast.cycle).count() == 7
    questions = Question.objects.filter(cycle=cast.cycle)
    assert questions.count() == 6
    assert COMMITMENT_PLACEHOLDER in questions.get(position=4).text


def test_revisiting_an_existing_vision_goes_to_feedback(cast):
    response = cast.client("member").post(
        _url("start"),
        {
            "starting_point": "revisit",
            "existing_statement": "All students thrive.",
            "existing_source": "Strategic plan",
            "version": 1,
        },
    )
    assert response["Location"] == _url("feedback")
    vision = Vision.objects.get(cycle=cast.cycle)
    assert (vision.starting_point, vision.existing_statement, vision.version) == (
        "revisit",
        "All students thrive.",
        2,
    )


def test_revisiting_needs_the_existing_statement(cast):
    response = cast.client("member").post(
        _url("start"), {"starting_point": "revisit", "existing_statement": " ", "version": 1}
    )
    assert response.context["form"].errors["existing_statement"] == [
        "Paste the existing vision statement to revisit it."
    ]


def test_starting_point_is_required(cast):
    response = cast.client("member").post(_url("start"), {"version": 1})
    assert "starting_point" in response.context["form"].errors


def test_roles_take_members_and_people_without_accounts(cast):
    vision_setup(cycle=cast.cycle)
    role = CommitteeRole.objects.get(cycle=cast.cycle, title="Writer(s)")
    response = cast.client("member").post(
        _url("role_edit", code=role.code),
        {
            "title": "Writer(s)",
            "description": role.description,
            "members": [cast.member.pk],
            "other_people": "Ana, student leader",
            "version": 1,
        },
    )
    assert response.status_code == 302
    role.refresh_from_db()
    assert list(role.members.all()) == [cast.member]
    assert role.other_people == "Ana, student leader"


def test_a_role_cannot_name_someone_from_another_district(cast):
    vision_setup(cycle=cast.cycle)
    response = cast.client("member").post(
        _url("role_create"), {"title": "Advisor", "members": [cast.outsider.pk], "other_people": ""}
    )
    assert response.status_code == 200
    assert "members" in response.context["form"].errors
    assert not CommitteeRole.objects.filter(title="Advisor").exists()


def test_stale_role_edit_shows_both_versions(cast):
    vision_setup(cycle=cast.cycle)
    role = CommitteeRole.objects.get(cycle=cast.cycle, title="Writer(s)")
    client = cast.client("member")
    client.post(
        _url("role_edit", code=role.code), {"title": "Writers", "other_people": "", "version": 1}
    )
    stale = client.post(
        _url("role_edit", code=role.code), {"title": "Scribes", "other_people": "", "version": 1}
    )
    assert stale.status_code == 409
    assert "Scribes" in stale.content.decode() and "Writers" in stale.content.decode()
    role.refresh_from_db()
    assert role.title == "Writers"


def test_material_upload_is_private_and_checked(cast):
    vision_setup(cycle=cast.cycle)
    client = cast.client("member")
    pdf = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 strategic plan", content_type="application/pdf")
    response = client.post(
        _url("material_create"),
        {"kind": "plan", "title": "Strategic plan", "text": "", "file": pdf},
    )
    assert response.status_code == 302
    material = Material.objects.get()
    assert material.uploaded_by == cast.member
    download = cast.client("viewer").get(_url("material_download", code=material.code))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 strategic plan"
    assert "attachment" in download["Content-Disposition"]
    assert (
        cast.client("outsider").get(_url("material_download", code=material.code)).status_code
        == 404
    )
    exe = SimpleUploadedFile("run.exe", b"MZ", content_type="application/octet-stream")
    refused = client.post(_url("material_create"), {"kind": "other", "title": "Tool", "file": exe})
    assert refused.context["form"].errors["file"] == ["Attach a PDF, a Word document or an image."]
    empty = client.post(_url("material_create"), {"kind": "other", "title": "Nothing"})
    assert empty.context["form"].non_field_errors() == ["Paste the text or attach a file."]


def test_oversized_upload_is_refused(cast, settings):
    import vision.forms.core as core

    vision_setup(cycle=cast.cycle)
    big = SimpleUploadedFile("big.pdf", b"x" * 2048, content_type="application/pdf")
    original = core.MAX_UPLOAD_BYTES
    core.MAX_UPLOAD_BYTES = 1024
    try:
        response = cast.client("member").post(
            _url("material_create"), {"kind": "plan", "title": "Big", "file": big}
        )
    finally:
        core.MAX_UPLOAD_BYTES = original
    assert response.context["form"].errors["file"] == ["The file is larger than 10 MB."]


def test_question_five_shows_the_districts_commitment(cast):
    vision = vision_setup(cycle=cast.cycle)
    vision.commitment_text = "educating the whole child"
    vision.save()
    page = cast.client("viewer").get(_url("stakeholders")).content.decode()
    assert (
        "The district has made a commitment to educating the whole child. What does this mean to "
        "you?"
    ) in page


def test_session_and_responses_are_recorded(cast):
    vision_setup(cycle=cast.cycle)
    client = cast.client("member")
    families = StakeholderGroup.objects.get(cycle=cast.cycle, key="families")
    response = client.post(
        _url("session_create"),
        {
            "title": "Family night",
            "held_on": "2026-09-15",
            "groups": [families.pk],
            "format": "event",
            "participants": "40",
            "facilitator": "Luis",
            "notes": "",
        },
    )
    session = EngagementSession.objects.get()
    assert response["Location"] == _url("session", code=session.code)
    questions = list(Question.objects.filter(cycle=cast.cycle))
    client.post(
        _url("responses_record", code=session.code),
        {
            "respondent": "",
            "group": families.pk,
            f"q{questions[0].pk}": "Kindness and grit",
            f"q{questions[2].pk}": "Welcoming",
        },
    )
    rows = list(Response.objects.order_by("question__position"))
    assert [r.text for r in rows] == ["Kindness and grit", "Welcoming"]
    assert rows[0].submission == rows[1].submission and rows[0].group == families


def test_recording_no_response_or_an_oversized_one_is_explained(cast):
    vision_setup(cycle=cast.cycle)
    session = EngagementSessionFactory(cycle=cast.cycle)
    question = Question.objects.first()
    empty = cast.client("member").post(
        _url("responses_record", code=session.code), {f"q{question.pk}": "  "}
    )
    assert empty.context["form"].non_field_errors() == ["Record at least one response."]
    huge = cast.client("member").post(
        _url("responses_record", code=session.code), {f"q{question.pk}": "x" * 4001}
    )
    assert f"q{question.pk}" in huge.context["form"].errors
    assert not Response.objects.exists()


def test_session_with_responses_is_kept(cast):
    vision_setup(cycle=cast.cycle)
    session = EngagementSessionFactory(cycle=cast.cycle)
    ResponseFactory(session=session)
    response = cast.client("member").post(_url("session_delete", code=session.code), follow=True)
    assert "has responses" in response.content.decode()
    assert EngagementSession.objects.exists()


def test_deleting_a_response_linked_to_a_theme_asks_first_and_keeps_history(cast):
    vision_setup(cycle=cast.cycle)
    session = EngagementSessionFactory(cycle=cast.cycle)
    answer = ResponseFactory(session=session, text="Belonging")
    theme = ThemeFactory(cycle=cast.cycle, text="Belonging")
    theme.responses.add(answer)
    client = cast.client("member")
    confirm = client.get(_url("response_delete", code=answer.code)).content.decode()
    assert "It supports 1 theme in the synthesis" in confirm and "Belonging" in confirm
    assert Response.objects.exists()
    client.post(_url("response_delete", code=answer.code))
    assert not Response.objects.exists()
    assert Response.history.filter(code=answer.code, history_type="-").exists()


def test_themes_link_responses_and_count_them(cast):
    vision_setup(cycle=cast.cycle)
    session = EngagementSessionFactory(cycle=cast.cycle)
    answers = [ResponseFactory(session=session, text=t) for t in ("Belonging", "Everyone belongs")]
    client = cast.client("member")
    client.post(
        _url("theme_create"),
        {"question": "1", "text": "Belonging", "responses": [a.pk for a in answers]},
    )
    page = client.get(_url("synthesis"))
    first = page.context["sections"][0]["themes"][0]
    assert (first.text, first.n_responses) == ("Belonging", 2)
    assert "2 supporting responses" in page.content.decode()


def test_a_theme_cannot_cite_another_cycles_response(cast):
    from ..factories import CycleFactory

    other_cycle = CycleFactory(district=cast.district, label="2027-28")
    vision_setup(cycle=other_cycle)
    session = EngagementSessionFactory(cycle=other_cycle)
    foreign = ResponseFactory(session=session)
    response = cast.client("member").post(
        _url("theme_create"), {"question": "1", "text": "T", "responses": [foreign.pk]}
    )
    assert "responses" in response.context["form"].errors
    assert not Theme.objects.exists()


def test_stale_theme_edit_is_refused_and_history_restores(cast):
    theme = ThemeFactory(cycle=cast.cycle, text="Belonging")
    client = cast.client("lead")
    client.post(
        _url("theme_edit", code=theme.code),
        {"question": "1", "text": "Belonging for all", "version": 1},
    )
    stale = client.post(
        _url("theme_edit", code=theme.code), {"question": "1", "text": "Connection", "version": 1}
    )
    assert stale.status_code == 409
    history = client.get(_url("history", kind="theme", code=theme.code)).context["page"].object_list
    client.post(history[-1].restore_url)
    theme.refresh_from_db()
    assert (theme.text, theme.version) == ("Belonging", 3)


def test_query_counts_do_not_grow_with_responses(cast):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    vision_setup(cycle=cast.cycle)
    session = EngagementSessionFactory(cycle=cast.cycle)
    question = Question.objects.first()
    client = cast.client("member")
    urls = [
        BASE,
        _url("stakeholders"),
        _url("synthesis"),
        _url("session", code=session.code),
        "/d/riverbend/2026-27/",
    ]

    def add(n):
        Response.objects.bulk_create(
            Response(cycle=cast.cycle, session=session, question=question, text=f"answer {i}")
            for i in range(n)
        )

    def counts():
        result = []
        for url in urls:
            cache.clear()  # the dashboard's cards are cached: count them as computed
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            result.append(len(captured))
        return result

    add(5)
    small = counts()
    add(495)
    assert counts() == small


def test_edit_pages_link_to_the_records_history(cast):
    theme = ThemeFactory(cycle=cast.cycle)
    page = cast.client("member").get(_url("theme_edit", code=theme.code))
    assert page.context["history_url"] == _url("history", kind="theme", code=theme.code)
    assert cast.client("member").get(page.context["history_url"]).status_code == 200


def test_database_rules_one_vision_one_final_and_final_needs_an_approver(cast):
    import pytest
    from django.db import IntegrityError, transaction

    from vision.models import Draft

    vision_setup(cycle=cast.cycle)
    assert vision_setup(cycle=cast.cycle) == Vision.objects.get(cycle=cast.cycle)
    with pytest.raises(IntegrityError), transaction.atomic():
        Vision.objects.create(cycle=cast.cycle)
    with pytest.raises(IntegrityError), transaction.atomic():
        Draft.objects.create(cycle=cast.cycle, statement="x", is_final=True, approved_by="")
    Draft.objects.create(cycle=cast.cycle, statement="x", is_final=True, approved_by="Board")
    with pytest.raises(IntegrityError), transaction.atomic():
        Draft.objects.create(cycle=cast.cycle, statement="y", is_final=True, approved_by="Board")
