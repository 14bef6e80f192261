"""Every form under fuzz: hostile values through each POST view, as someone allowed to post.

Each POST view of the access matrix is fetched as its page shows it (its own form, filled in as
the page fills it, hidden version fields included), then posted back with each field in turn
replaced by a hostile value, and whole-form variants: duplicated fields, a JSON, a text/plain
and a multipart body, raw invalid UTF-8, a 1 MB string. Nothing may answer with a 500, echo a
script unescaped, or store a value the model's own validation refuses (a NUL, a choice that
is not one, a number out of range, a rubric score outside 1 to 4).
"""

import zlib
from dataclasses import dataclass

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.access_rules import _cycle, _district
from tests.test_access_matrix import OPEN, RULES, SIGNED_IN

from .fuzzing import (
    WHOLE_FORM,
    FuzzRun,
    form_for,
    hostile_files,
    page_forms,
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
}


SETUPS = {
    "inventory:import_preview": _upload_for_preview,
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


@pytest.mark.parametrize(
    "name", [n for n, r in {**OPEN, **SIGNED_IN}.items() if "POST" not in r.methods]
)
def test_get_only_open_urls_refuse_posts_or_are_fuzzed(cast, name):
    """An open URL the matrix reads by GET that still takes a POST must be fuzzed too."""
    rule = {**OPEN, **SIGNED_IN}[name]
    response = cast.client("lead").post(reverse(name, kwargs=rule.kwargs(cast)))
    if name not in TARGETS and name not in EXCLUDED:
        assert response.status_code == 405, f"{name} takes a POST: fuzz it or exclude it"


# --- running one target -------------------------------------------------------------------


def _prepare(cast, settings, target: Target):
    """The client, the URL to post to, the page URL and its form (None for a button)."""
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

    run = FuzzRun(client=client, url=url, form=form, relogin=relogin)
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
    problems = run.run(offset=offset, score_fields=name in SCORED, variants=_variants(name))
    if not problems:
        run.echo_check()
    problems += stored_value_problems()
    assert problems == [], "\n".join(problems)
    assert len(run.outcomes) >= 4, "every variant was posted"
