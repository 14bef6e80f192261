"""Every form under fuzz: hostile values through each POST view, as someone allowed to post.

Each POST view of the access matrix is fetched as its page shows it (its own form, filled in as
the page fills it, hidden version fields included), then posted back with each field in turn
replaced by a hostile value, and whole-form variants: duplicated fields, a JSON, a text/plain
and a multipart body, raw invalid UTF-8, a 1 MB string (each form gets duplicated fields and
two of the others in turn, to stay within the suite's time budget), and an outdated version
beside a script. Ten representative forms also get Hypothesis-generated text and bytes, and
every one-line field gets control characters (line breaks, escape, NEL, the line separator),
which must be refused beside the field and never stored.
Nothing may answer with a 500, echo a script unescaped, or store a value the model's own
validation refuses (a NUL, a choice that is not one, a number out of range, a rubric score
outside 1 to 4).
"""

import uuid
import zlib
from dataclasses import dataclass

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, UUIDConverter
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.access_rules import _cycle, _district
from tests.test_access_matrix import OPEN, RULES, SIGNED_IN

from .fuzzing import (
    CORPUS,
    CSRF,
    SCRIPT,
    WHOLE_FORM,
    FuzzRun,
    control_character_problems,
    district_value_problems,
    encode_body,
    form_for,
    hostile_files,
    page_forms,
    path_variants,
    raw_markers_in,
    row_problems,
    stored_value_problems,
)

# --- which page holds each POST-only view's form ------------------------------------------


def _same(host):
    return lambda cast, kwargs: reverse(host, kwargs=kwargs)


def _without(host, *keys):
    return lambda cast, kwargs: reverse(
        host, kwargs={k: v for k, v in kwargs.items() if k not in keys}
    )


def _cycle_page(host):
    return lambda cast, kwargs: reverse(host, kwargs=_cycle(cast))


def _district_page(host):
    return lambda cast, kwargs: reverse(host, kwargs=_district(cast))


def _mention_interview(cast, kwargs):
    from inventory.models import Mention

    interview = Mention.objects.get(code=kwargs["code"]).interview
    return reverse("inventory:interview", kwargs={**_cycle(cast), "code": interview.code})


HOSTS = {
    "districts:member_role": _district_page("districts:members"),
    "districts:invitation_withdraw": _district_page("districts:members"),
    "districts:school_restore": _district_page("districts:schools"),
    "districts:history_restore": _without("districts:history", "history_id"),
    "actionplan:note_add": _without("actionplan:activity", "kind"),
    "actionplan:reminders": _cycle_page("actionplan:my_work"),
    "actionplan:history_restore": _without("actionplan:history", "history_id"),
    "goals:goal_check": _same("goals:goal_edit"),
    "goals:goal_submit": _same("goals:goal"),
    "goals:goal_approve": _same("goals:goal"),
    "goals:goal_return": _same("goals:goal"),
    "goals:goal_restore": _cycle_page("goals:home"),
    "goals:comment_add": _same("goals:goal"),
    "goals:history_restore": _without("goals:history", "history_id"),
    "goals:note_add": _cycle_page("goals:priorities"),
    "goals:note_move": _cycle_page("goals:priorities"),
    "goals:note_delete": _cycle_page("goals:priorities"),
    "goals:cluster_create": _cycle_page("goals:priorities"),
    "goals:cluster_merge": _cycle_page("goals:priorities"),
    "inventory:complete": _cycle_page("inventory:home"),
    "inventory:interview_start": _cycle_page("inventory:people"),
    "inventory:interview_new": _cycle_page("inventory:interviews"),
    "inventory:interview_autosave": _same("inventory:interview"),
    "inventory:interview_finish": _same("inventory:interview"),
    "inventory:mention_add": _same("inventory:interview"),
    "inventory:mention_autosave": _mention_interview,
    "inventory:mention_match": _mention_interview,
    "inventory:mention_delete": _mention_interview,
    "inventory:survey_close": _cycle_page("inventory:survey"),
    "inventory:removed_restore": _cycle_page("inventory:removed"),
    "inventory:history_restore": _without("inventory:history", "history_id"),
    "reports:draft_restore": _without("reports:draft_history", "history_id"),
    "reports:request": _cycle_page("reports:home"),
    "reports:job_retry": _same("reports:job"),
    "reports:publish": _cycle_page("reports:home"),
    "reports:unpublish": _cycle_page("reports:home"),
    "roadmap:refresh_current": _cycle_page("roadmap:grid"),
    "roadmap:target_delete": _same("roadmap:target_edit"),
    "roadmap:rollout_delete": _cycle_page("roadmap:rollout"),
    "roadmap:history_restore": _without("roadmap:history", "history_id"),
    "rubric:submit": _same("rubric:assessment"),
    "rubric:consensus_accept": _same("rubric:review"),
    "rubric:consensus_restore": _without("rubric:consensus_history", "history_id"),
    "rubric:reveal": _same("rubric:assessment"),
    "rubric:close": _same("rubric:assessment"),
    "rubric:reopen": _same("rubric:assessment"),
    "vision:history_restore": _without("vision:history", "history_id"),
    "vision:feedback_close": _same("vision:feedback_round"),
    "vision:questionnaire_close": _cycle_page("vision:questionnaire"),
}

# Views whose page, in the state the matrix sets up, shows no form for them: they take no
# fields (a button), so the whole-form variants are posted to them on their own.
BUTTONS = {
    "rubric:reveal": "the matrix's assessment is already revealed, so the page hides the button",
    "rubric:reopen": "the matrix's assessment is open, so the page shows no reopen button",
    "reports:unpublish": "nothing is published yet, so the page shows no withdraw button",
    "roadmap:refresh_current": "the button shows only on a row carried from last year's roadmap",
    "accounts:keep_alive": "the idle-session warning's script posts it; no form holds it",
}


# --- the public and account forms ---------------------------------------------------------


def _survey_token(cast):
    from inventory.models import Survey
    from tests.inventory.matrix_inventory import _cycle_survey

    _cycle_survey(cast)
    return {"token": Survey.objects.get(cycle=cast.cycle).token}


def _questionnaire_token(cast):
    from tests.vision.matrix_links import _cycle_questionnaire
    from vision.models import Questionnaire

    _cycle_questionnaire(cast)
    return {"token": Questionnaire.objects.get(cycle=cast.cycle).token}


def _feedback_token(cast):
    from tests.vision.matrix_drafts import _round

    return {"token": _round(cast).token}


def _invitation_token(cast):
    from sel_planner.accounts.services import invitation_create

    _invitation, token = invitation_create(
        district=cast.district, email="newcomer@a.example", role="member", invited_by=cast.lead
    )
    return {"district": cast.district.slug, "token": token}


def _reset_link(cast):
    uid = urlsafe_base64_encode(force_bytes(cast.member.pk))
    return {"uidb64": uid, "token": default_token_generator.make_token(cast.member)}


@dataclass(frozen=True)
class Target:
    name: str
    kwargs: object
    role: str | None = "lead"
    # The page that holds the form, given the target's kwargs; None: the target's own URL.
    page: object = None
    # Where the form is posted when it is not the target's URL (password reset's second step).
    post_url: object = None
    # Called with (cast, client, kwargs) before the page is read: state the form needs.
    setup: object = None


def _inventory_header():
    from inventory import tables

    return tables.inventory_headers()


def _upload_for_preview(cast, client, kwargs):
    """An uploaded spreadsheet whose cells are all hostile: the preview shows them back."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    _label, filename, content = hostile_files(_inventory_header())[0]
    upload = SimpleUploadedFile(filename, content, content_type="text/csv")
    client.post(reverse("inventory:import_upload", kwargs=kwargs), {"file": upload})


def _second_program(cast, client, kwargs):
    from inventory.services import program_create

    program_create(cycle=cast.cycle, name="PBIS", grades="K-8")


def _survey_page(cast, kwargs):
    return reverse("inventory_public:survey", kwargs=kwargs) + "?respondent_type=school"


OPEN_TARGETS = {
    "accounts:login": Target("accounts:login", lambda cast: {}, role=None),
    "accounts:password_reset": Target("accounts:password_reset", lambda cast: {}, role=None),
    "inventory_public:survey": Target(
        "inventory_public:survey", _survey_token, role=None, page=_survey_page
    ),
    "vision_public:questionnaire": Target(
        "vision_public:questionnaire", _questionnaire_token, role=None
    ),
    "vision_public:feedback": Target("vision_public:feedback", _feedback_token, role=None),
    # Open links the matrix checks by GET only, whose pages post a form back as well.
    "accounts:invitation_accept": Target(
        "accounts:invitation_accept", _invitation_token, role=None
    ),
    "accounts:password_reset_confirm": Target(
        "accounts:password_reset_confirm", _reset_link, role=None, post_url="follow"
    ),
    "accounts:password_change": Target("accounts:password_change", lambda cast: {}),
    "accounts:logout": Target(
        "accounts:logout", lambda cast: {}, page=_cycle_page("districts:dashboard")
    ),
    "accounts:keep_alive": Target(
        "accounts:keep_alive", lambda cast: {}, page=_cycle_page("districts:dashboard")
    ),
}


def _agreeing_ratings(cast, client, kwargs):
    """Two members rate every item alike, so the review page offers to accept their rating."""
    from rubric.models import Assessment
    from tests.factories import rate_all

    assessment = Assessment.objects.get(code=kwargs["assessment"])
    for person in (cast.lead, cast.member):
        rate_all(assessment, person, score=3)


SETUPS = {
    "inventory:import_preview": _upload_for_preview,
    "rubric:consensus_accept": _agreeing_ratings,
    "inventory:program_merge": _second_program,
}


def _targets() -> dict:
    targets = {}
    for name, rule in RULES.items():
        if rule.post is None:
            continue
        page = None if rule.get is not None else HOSTS[name]
        targets[name] = Target(name, rule.kwargs, page=page, setup=SETUPS.get(name))
    targets.update(OPEN_TARGETS)
    return targets


TARGETS = _targets()
# The rubric's rating and consensus forms: every score field gets every score corpus value.
SCORED = {"rubric:rate", "rubric:consensus"}
# A POST-accepting URL that is not fuzzed must be listed here with the reason.
EXCLUDED: dict[str, str] = {}


def test_every_post_view_is_fuzzed_or_excluded():
    posting = {n for n, r in RULES.items() if r.post is not None}
    posting |= {n for n, r in OPEN.items() if "POST" in r.methods}
    posting |= {n for n, r in SIGNED_IN.items() if "POST" in r.methods}
    assert posting - set(TARGETS) - set(EXCLUDED) == set()
    assert set(EXCLUDED) & set(TARGETS) == set()
    assert set(HOSTS) <= {n for n, r in RULES.items() if r.post is not None and r.get is None}


_GET_ONLY = {n: r for n, r in {**OPEN, **SIGNED_IN}.items() if "POST" not in r.methods}


@pytest.mark.parametrize("name", sorted(set(_GET_ONLY) - set(TARGETS) - set(EXCLUDED)))
def test_open_urls_read_by_get_only_refuse_posts(cast, name):
    """An open URL the matrix reads by GET only, and that is not fuzzed, takes no POST."""
    response = cast.client("lead").post(reverse(name, kwargs=_GET_ONLY[name].kwargs(cast)))
    assert response.status_code == 405, f"{name} takes a POST: fuzz it or exclude it"


# --- running one target -------------------------------------------------------------------


def _prepare(cast, settings, target: Target):
    """A run on the target's form, read from the page a person would post it from."""
    settings.LOGIN_RATE = settings.PUBLIC_LINK_RATE = "100000/m"
    client = cast.client(target.role)
    kwargs = target.kwargs(cast)
    url = reverse(target.name, kwargs=kwargs)
    if target.setup is not None:
        target.setup(cast, client, kwargs)
    page_url = target.page(cast, kwargs) if target.page else url
    response = client.get(page_url, follow=target.post_url == "follow")
    assert response.status_code == 200, (page_url, response.status_code)
    if target.post_url == "follow":
        url = page_url = response.redirect_chain[-1][0] if response.redirect_chain else url
    form = form_for(page_forms(response.content.decode(), page_url), url)
    if form is None:
        assert target.name in BUTTONS, f"no form on {page_url} posts to {url}"
    relogin = None
    if target.name == "accounts:logout":

        def relogin():
            client.force_login(cast.lead)

    run = FuzzRun(client=client, url=url, form=form, relogin=relogin, page_url=page_url)
    if target.name.startswith("inventory:import"):
        run.csv_header = _inventory_header()
    return run


NAMES = sorted(TARGETS)
# Every form gets duplicated fields; the other whole-form variants take turns, two per form,
# so that each reaches about a quarter of the forms and the run stays within its time budget.
ROTATING = [v for v in WHOLE_FORM if v != "duplicated"]


def _variants(name: str) -> list[str]:
    index = NAMES.index(name)
    return [
        "duplicated",
        ROTATING[(2 * index) % len(ROTATING)],
        ROTATING[(2 * index + 1) % len(ROTATING)],
    ]


@pytest.mark.parametrize("name", NAMES)
def test_form_under_fuzz(cast, settings, name):
    run = _prepare(cast, settings, TARGETS[name])
    offset = zlib.crc32(name.encode())
    # The rubric's score fields get their full sweep in test_rubric_scores_stay_within_1_to_4.
    problems = run.run(offset=offset, variants=_variants(name))
    if not problems:
        run.echo_check()
    problems += stored_value_problems()
    assert problems == [], "\n".join(problems)
    assert len(run.outcomes) >= 4, "every variant was posted"


@pytest.mark.parametrize("name", NAMES)
def test_one_line_fields_refuse_control_characters(cast, settings, name):
    # Line breaks, vertical tab, escape, NEL and the line separator in each one-line field:
    # refused with the message beside the field, never stored, never a 500.
    run = _prepare(cast, settings, TARGETS[name])
    problems = control_character_problems(run)
    assert problems == [], "\n".join(problems)


def _scores_out_of_range() -> list[str]:
    from rubric.models import Consensus, Rating

    ratings = Rating.objects.exclude(score__isnull=True).exclude(score__range=(1, 4))
    consensus = Consensus.objects.exclude(score__range=(1, 4))
    return [f"rating {r.pk} scored {r.score}" for r in ratings] + [
        f"consensus {c.pk} scored {c.score}" for c in consensus
    ]


@pytest.mark.parametrize("name", sorted(SCORED))
def test_rubric_scores_stay_within_1_to_4(cast, settings, name):
    from rubric.models import Consensus, Rating

    run = _prepare(cast, settings, TARGETS[name])
    assert run.run(score_fields=True, variants=["duplicated", "duplicated_hostile_first"]) == []
    stored = Rating if name == "rubric:rate" else Consensus
    assert stored.objects.filter(score__isnull=False).exists(), "the valid baseline was saved"
    assert _scores_out_of_range() == []


# --- Hypothesis: generated text and bytes, field by field ---------------------------------

HYPOTHESIS_FORMS = [
    "rubric:rate",
    "rubric:consensus",
    "vision:session_create",
    "inventory:program_edit",
    "goals:goal_edit",
    "actionplan:activity_create",
    "districts:settings",
    "reports:draft_edit",
    "vision_public:questionnaire",
    "inventory_public:survey",
]
# Any character, lone surrogates included (sent as the invalid bytes they encode to), raw
# bytes, and the fixed corpus.
_CHARACTERS = st.one_of(st.characters(exclude_categories=()), st.characters(categories=["Cs"]))
VALUES = st.one_of(
    st.text(alphabet=_CHARACTERS, max_size=40),
    st.binary(max_size=24),
    st.sampled_from([value for _label, value in CORPUS]),
)


@pytest.mark.parametrize("name", HYPOTHESIS_FORMS)
def test_generated_values_never_break_a_form(cast, settings, name):
    run = _prepare(cast, settings, TARGETS[name])
    names = [n for n in run.form.field_names() if n != CSRF]

    @hypothesis_settings(
        max_examples=20,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure's request is named
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(changes=st.dictionaries(st.sampled_from(names), VALUES, min_size=1, max_size=3))
    def post_changes(changes):
        pairs = [(n, changes.get(n, v)) for n, v in run.pairs]
        pairs += [(n, v) for n, v in changes.items() if n not in dict(run.pairs)]
        before = len(run.problems)
        run.post(f"generated {changes!r}"[:200], encode_body(pairs))
        assert run.problems[before:] == []

    post_changes()
    problems, rows = district_value_problems(cast.district)
    assert rows > 10, "the district's rows were found"
    assert problems == [], "\n".join(problems)
    assert _scores_out_of_range() == []
    run.echo_check()
    assert run.problems == []


# --- request limits -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["vision:session_create", "vision_public:questionnaire"])
def test_bodies_past_the_upload_limits_are_a_400(cast, settings, name):
    run = _prepare(cast, settings, TARGETS[name])
    first = run.form.text_names()[0]
    too_big = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    too_many = [(f"f{index}", "1") for index in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)]
    for label, pairs in [("over the memory limit", [(first, too_big)]), ("too many", too_many)]:
        response = run.post(label, encode_body(run.pairs + pairs))
        assert response.status_code == 400, label
    assert run.problems == []


# --- the helpers themselves -----------------------------------------------------------------

PAGE = """
<form method="post" action="/elsewhere/"><input name="q" value="other"></form>
<form method="post" hx-post="../autosave/">
  <input type="hidden" name="csrfmiddlewaretoken" value="t">
  <input type="hidden" name="version" value="3">
  <input name="title" value="A &amp; B"><input type="date" name="closes_on">
  <input type="number" name="count" min="2"><input name="website">
  <textarea name="notes">
Kept</textarea>
  <select name="kind"><option value="">---------</option><option value="a">A</option></select>
  <select name="tags" multiple><option value="x" selected>X</option><option>Y</option></select>
  <input type="radio" name="level" value="1"><input type="radio" name="level" value="2" checked>
  <input type="checkbox" name="done" value="on"><input type="checkbox" name="ok" checked>
  <input type="file" name="upload"><input name="locked" value="v" disabled>
  <button type="submit" name="next" value="go">Save</button><button name="other">Other</button>
</form>
"""


def test_page_forms_fill_a_baseline_as_a_person_would():
    forms = page_forms(PAGE, "/d/x/form/")
    form = form_for(forms, "/d/x/autosave/")
    assert form is not None and form_for(forms, "/d/x/form/") is form
    assert form_for(forms, "/nowhere/") is None
    assert sorted(form.baseline()) == sorted(
        [
            (CSRF, "t"),
            ("version", "3"),
            ("title", "A & B"),
            ("closes_on", "2027-06-15"),
            ("count", "2"),
            ("website", ""),
            ("notes", "Kept"),
            ("kind", "a"),
            ("tags", "x"),
            ("level", "2"),
            ("ok", "on"),
            ("next", "go"),
        ]
    )
    assert form.file_names() == ["upload"]
    assert "locked" not in form.field_names() and "next" not in form.field_names()


def test_bodies_carry_hostile_values_byte_for_byte():
    body = encode_body([("a b", "\ud800"), ("c", b"\xff"), ("d", "<&>")])
    assert body == b"a%20b=%ED%A0%80&c=%FF&d=%3C%26%3E"
    assert raw_markers_in(b"<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>") == []
    assert raw_markers_in(b"<p>" + SCRIPT.encode() + b"</p>") == [SCRIPT.encode()]


def test_stored_values_are_checked_against_the_models_own_validation(cast):
    from rubric.models import Item, Rating
    from tests.factories import AssessmentFactory

    assessment = AssessmentFactory(cycle=cast.cycle)
    rating = Rating(
        cycle=cast.cycle,
        assessment=assessment,
        item=Item.objects.get(code="1-C"),
        rater=cast.member,
        score=7,
        evidence="a\x00b",
    )
    problems = row_problems(rating)
    assert any("score" in p for p in problems) and any("NUL" in p for p in problems)
    assert stored_value_problems() == []  # nothing the fixtures stored is refused


# --- hostile path segments ------------------------------------------------------------------


def _patterns_with_parameters(resolver=None, namespace="", inherited=None):
    """(URL name, {parameter: converter}) of every pattern that takes one, the admin's aside."""
    resolver = resolver or get_resolver()
    inherited = inherited or {}
    for entry in resolver.url_patterns:
        parameters = {**inherited, **entry.pattern.converters}
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue  # Django's own, behind its staff login; no token or code segments
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns_with_parameters(entry, inner, parameters)
        elif parameters:
            yield f"{namespace}{entry.name}", parameters


PARAMETERISED = dict(_patterns_with_parameters())
_MATRIX = {**RULES, **OPEN, **SIGNED_IN}


def test_every_pattern_with_parameters_is_walked():
    assert len(PARAMETERISED) > 100
    assert set(PARAMETERISED) <= set(_MATRIX), "each needs the matrix's kwargs to be walked"
    assert {"vision_public:questionnaire", "rubric:rate", "reports_public:summary"} <= set(
        PARAMETERISED
    )


def _marker(converter) -> object:
    """A value the converter accepts that appears nowhere else in a path."""
    if isinstance(converter, IntConverter):
        return 987654321
    if isinstance(converter, UUIDConverter):
        return uuid.UUID("00000000-0000-4000-8000-00000000abcd")
    return "zq9marker"


@pytest.mark.parametrize("name", sorted(PARAMETERISED))
def test_hostile_path_segments_are_not_found(cast, settings, name):
    """A NUL or another byte no slug, code or token holds, in any segment, is a 404."""
    settings.LOGIN_RATE = settings.PUBLIC_LINK_RATE = "100000/m"
    kwargs = _MATRIX[name].kwargs(cast)
    assert set(kwargs) == set(PARAMETERISED[name])
    clients = {"anonymous": cast.client(None), "lead": cast.client("lead")}
    problems = []
    for parameter, converter in PARAMETERISED[name].items():
        # The other segments stay the matrix's real ones, so only this one can be refused.
        marker = _marker(converter)
        path = reverse(name, kwargs={**kwargs, parameter: marker})
        for label, hostile in path_variants(path, str(marker)):
            for who, client in clients.items():
                status = client.get(hostile).status_code
                if status != 404:
                    problems.append(f"{who} GET {hostile} ({parameter}, {label}): {status}")
    assert problems == [], "\n".join(problems)
