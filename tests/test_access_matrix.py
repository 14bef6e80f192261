"""Every URL of the project, checked for every kind of visitor.

A new URL pattern that is not classified in RULES makes `test_every_url_is_classified` fail,
so no view can be added without deciding who may reach it.
"""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from sel_planner.districts.access import Need
from sel_planner.districts.models import PlanningCycle

from .access_rules import Open, Rule, SignedIn, _cycle, _district

ROLES = ["anonymous", "outsider", "viewer", "member", "lead"]
ALLOWED = {
    Need.READ: {"viewer", "member", "lead"},
    Need.EDIT: {"member", "lead"},
    Need.LEAD: {"lead"},
    Need.MANAGE: {"lead"},
}


def _member_code(cast):
    return {**_district(cast), "code": cast.member.memberships.get().code}


def _school_code(cast):
    return {**_district(cast), "code": cast.school.code}


def _invitation_code(cast):
    from sel_planner.accounts.services import invitation_create

    invitation, _token = invitation_create(
        district=cast.district, email="new@a.example", role="member", invited_by=cast.lead
    )
    return {**_district(cast), "code": invitation.code}


def _deleted_school_code(cast):
    from .factories import SchoolFactory

    school = SchoolFactory(district=cast.district, name="Closed Elementary")
    code = school.code
    school.delete()
    return {**_district(cast), "code": code}


def _history(cast):
    return {**_district(cast), "kind": "school", "code": cast.school.code}


def _history_restore(cast):
    school = cast.school
    school.grade_band = "K-6"
    school.save()
    first = school.history.order_by("history_date").first()
    return {**_history(cast), "history_id": first.history_id}


RULES = {
    "districts:cycles": Rule(get=Need.READ),
    "districts:cycle_create": Rule(get=Need.MANAGE, post=Need.MANAGE),
    "districts:settings": Rule(get=Need.MANAGE, post=Need.MANAGE),
    "districts:members": Rule(get=Need.READ),
    "districts:member_invite": Rule(get=Need.MANAGE, post=Need.MANAGE),
    "districts:member_role": Rule(_member_code, post=Need.MANAGE),
    "districts:member_remove": Rule(_member_code, get=Need.MANAGE, post=Need.MANAGE),
    "districts:invitation_withdraw": Rule(_invitation_code, post=Need.MANAGE),
    "districts:schools": Rule(get=Need.READ),
    "districts:school_create": Rule(get=Need.MANAGE, post=Need.MANAGE),
    "districts:school_edit": Rule(_school_code, get=Need.MANAGE, post=Need.MANAGE),
    "districts:school_delete": Rule(_school_code, get=Need.MANAGE, post=Need.MANAGE),
    "districts:school_restore": Rule(_deleted_school_code, post=Need.MANAGE),
    "districts:history": Rule(_history, get=Need.READ),
    "districts:audit": Rule(get=Need.MANAGE),
    "districts:history_restore": Rule(_history_restore, post=Need.MANAGE),
    "districts:dashboard": Rule(_cycle, get=Need.READ),
    "districts:cycle_edit": Rule(_cycle, get=Need.MANAGE, post=Need.MANAGE),
    "districts:tool_overview": Rule(
        lambda cast: {**_cycle(cast), "tool": "roadmap"}, get=Need.READ
    ),
}


def _tool_rules():
    """RULES and OPEN from every tests/<app>/matrix*.py module."""
    import tests

    rules, open_urls = {}, {}
    for module_info in pkgutil.walk_packages(tests.__path__, "tests."):
        if module_info.name.rsplit(".", 1)[-1].startswith("matrix"):
            module = importlib.import_module(module_info.name)
            rules.update(getattr(module, "RULES", {}))
            open_urls.update(getattr(module, "OPEN", {}))
    return rules, open_urls


_TOOL_RULES, _TOOL_OPEN = _tool_rules()
RULES.update(_TOOL_RULES)

OPEN = {
    "healthz": Open(),
    "accounts:login": Open(expect={"GET": 200, "POST": 200}),
    "accounts:password_reset": Open(expect={"GET": 200, "POST": 200}),
    "accounts:password_reset_done": Open(),
    "accounts:password_reset_confirm": Open(
        kwargs=lambda cast: {"uidb64": "MQ", "token": "bad-token"}
    ),
    "accounts:password_reset_complete": Open(),
    "accounts:invitation_accept": Open(
        kwargs=lambda cast: {"district": cast.district.slug, "token": "not-a-real-token"},
        expect={"GET": 404},
    ),
}
OPEN.update(_TOOL_OPEN)

SIGNED_IN = {
    "districts:home": SignedIn(),
    "accounts:password_change": SignedIn(methods=("GET", "POST")),
    "accounts:password_change_done": SignedIn(),
    "accounts:logout": SignedIn(methods=("POST",)),
    "accounts:keep_alive": SignedIn(methods=("POST",)),
}


def _url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _url_names(entry, inner)
        elif isinstance(entry, URLPattern):
            yield (
                f"{namespace}{entry.name}"
                if entry.name
                else f"{namespace}<unnamed {entry.pattern}>"
            )


def test_every_url_is_classified():
    names = {name for name in _url_names() if not name.startswith("admin:")}
    classified = set(RULES) | set(OPEN) | set(SIGNED_IN)
    assert names - classified == set(), "unclassified URLs: add them to the access matrix"
    assert classified - names == set(), "the matrix lists URLs that no longer exist"


def _expected(role: str, need: Need | None) -> str:
    if role == "anonymous":
        return "login"
    if role == "outsider":
        return "404"
    return "ok" if role in ALLOWED[need] else "403"


def _check(response, expected: str):
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    elif expected == "404":
        assert response.status_code == 404
    elif expected == "403":
        assert response.status_code == 403
    else:
        assert response.status_code in (200, 302), response.status_code


CASES = [
    (name, method, need, role)
    for name, rule in RULES.items()
    for method, need in (("get", rule.get), ("post", rule.post))
    if need is not None
    for role in ROLES
]


@pytest.mark.parametrize(("name", "method", "need", "role"), CASES)
def test_matrix(cast, name, method, need, role):
    url = reverse(name, kwargs=RULES[name].kwargs(cast))
    response = getattr(cast.client(None if role == "anonymous" else role), method)(url)
    _check(response, _expected(role, need))


@pytest.mark.parametrize("name", [n for n, r in RULES.items() if r.get is None or r.post is None])
def test_wrong_method_is_refused(cast, name):
    rule = RULES[name]
    url = reverse(name, kwargs=rule.kwargs(cast))
    method = "post" if rule.post is None else "get"
    assert getattr(cast.client("lead"), method)(url).status_code == 405


def _routes(resolver=None, namespace="", prefix=""):
    """(name, full route) of every named URL pattern."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _routes(entry, inner, route)
        elif entry.name:
            yield f"{namespace}{entry.name}", route


CYCLE_ROUTES = sorted(name for name, route in _routes() if "<slug:cycle>" in route)


def test_cycle_routes_are_found_from_the_url_patterns():
    assert "actionplan:milestone_edit" in CYCLE_ROUTES
    assert "reports:preview" in CYCLE_ROUTES
    assert "districts:cycles" not in CYCLE_ROUTES
    assert set(CYCLE_ROUTES) <= set(RULES), "every cycle route has an access rule"


@pytest.mark.parametrize("name", CYCLE_ROUTES)
def test_closed_cycle_is_read_only(cast, name):
    cast.cycle.phase = PlanningCycle.Phase.CLOSED
    cast.cycle.save()
    rule = RULES[name]
    url = reverse(name, kwargs=rule.kwargs(cast))
    client = cast.client("lead")
    if rule.get == Need.READ:
        assert client.get(url).status_code == 200, "reading a closed cycle stays possible"
    if rule.get in (Need.EDIT, Need.LEAD):
        assert client.get(url).status_code == 403
    if rule.post in (Need.EDIT, Need.LEAD):
        assert client.post(url).status_code == 403
    if rule.post == Need.MANAGE:
        # Only the lead's cycle settings stay writable, so that a cycle can be reopened.
        assert client.post(url).status_code in (200, 302)
        assert cast.client("member").post(url).status_code == 403


@pytest.mark.parametrize("name", list(OPEN))
def test_open_urls_need_no_login(cast, name):
    rule = OPEN[name]
    url = reverse(name, kwargs=rule.kwargs(cast))
    for method, status in rule.expect.items():
        response = getattr(cast.client(None), method.lower())(url)
        assert response.status_code == status, (method, response.status_code)


@pytest.mark.parametrize("name", list(SIGNED_IN))
def test_signed_in_urls(cast, name):
    rule = SIGNED_IN[name]
    url = reverse(name, kwargs=rule.kwargs(cast))
    for method in rule.methods:
        anonymous = getattr(cast.client(None), method.lower())(url)
        assert anonymous.status_code == 302
        assert reverse("accounts:login") in anonymous["Location"]
        for role in ("outsider", "viewer"):
            assert getattr(cast.client(role), method.lower())(url).status_code in (200, 302)


def test_admin_needs_platform_admin(cast):
    response = cast.client("lead").get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_invitation_link_of_another_district_is_not_found(cast):
    from sel_planner.accounts.services import invitation_create

    _invitation, token = invitation_create(
        district=cast.other_district, email="x@b.example", role="member", invited_by=cast.outsider
    )
    url = reverse(
        "accounts:invitation_accept", kwargs={"district": cast.district.slug, "token": token}
    )
    assert cast.client(None).get(url).status_code == 404


JUNK = [
    {},
    {
        "name": "x" * 5000,
        "email": "@@",
        "role": "root",
        "version": "-1",
        "label": "\x00",
        "start_date": "2020-02-30",
    },
    {"version": "99999999999999999999", "level": ["ES", "MS"], "phase": "", "student_count": "1e9"},
]


@pytest.mark.parametrize("name", [n for n, r in RULES.items() if r.post is not None])
def test_bad_input_never_crashes(cast, name):
    client = cast.client("lead")
    url = reverse(name, kwargs=RULES[name].kwargs(cast))
    for data in JUNK:
        response = client.post(url, data)
        assert response.status_code < 500, (data, response.status_code)
