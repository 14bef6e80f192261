"""Garbage in the action plan's own fields gets a form error or a message, never a 500."""

import pytest
from django.urls import reverse

from actionplan.models import Activity, AnnualGoal, Milestone, ProgressNote, Reflection

from .matrix_actionplan import RULES

JUNK = [
    {
        "goal": "abc",
        "owner": "99999999",
        "data_sources": ["nope"],
        "due_date": "2020-02-30",
        "key_activity": "x" * 500,
        "status": "finished",
        "progress": "x",
        "noted_on": "yesterday",
        "text": "x" * 5000,
        "decision": "?",
        "realistic": "maybe",
        "quarter": "9",
        "start_date": "2027-13-01",
        "end_date": "",
        "label": "\x00",
        "version": "abc",
    },
    {"goal": "-1", "owner": ["1", "2"], "due_date": "99999-01-01", "weekly_digest": "\x00"},
]


@pytest.mark.parametrize("name", [n for n, r in RULES.items() if r.post is not None])
def test_junk_never_crashes_and_saves_nothing_new(cast, name):
    client = cast.client("lead")
    url = reverse(name, kwargs=RULES[name].kwargs(cast))
    counts = [m.objects.count() for m in (AnnualGoal, Milestone, Activity, Reflection)]
    for data in JUNK:
        response = client.post(url, data)
        assert response.status_code < 500, (data, response.status_code)
    if name not in ("actionplan:annual_delete", "actionplan:activity_delete"):
        assert [m.objects.count() for m in (AnnualGoal, Milestone, Activity, Reflection)] == counts
    assert not ProgressNote.objects.filter(text__startswith="xxx").exists()
