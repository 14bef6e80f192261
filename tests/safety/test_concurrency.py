"""Many people saving the same records at once: no update is lost, every stale save is refused.

Threads load a record, wait a random moment, and save it through the project's real save path
(the vision draft through its view with the test client; an inventory program and an action
plan milestone through their forms and `versioned_save`), over seeded random interleavings.
Each save writes a text nobody else writes, so the history tells which save made which version.
"""

import random
import re
import threading
import time
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from actionplan.forms.plan import MilestoneForm
from actionplan.models import Milestone
from inventory.forms.programs import ProgramForm
from inventory.models import Program
from inventory.services import program_create, program_save
from sel_planner.districts.editing import StaleEdit, versioned_save
from tests.actionplan.helpers import annual_goal, milestone
from tests.conftest import require_service
from tests.factories import DraftFactory
from vision.models import Draft

SEEDS = range(5)
THREADS = 4
SAVES_PER_THREAD = 4
VERSION_INPUT = re.compile(r'name="version" value="(\d+)"')


@dataclass
class Outcome:
    record: str
    thread: int
    loaded_version: int
    text: str
    accepted: bool
    current_version: int | None = None  # the newer version a refused save was shown


def _form_data(form) -> dict:
    """What the browser would send back for an unchanged form."""
    data = {}
    for bound in form:
        value = bound.value()
        if isinstance(value, list | tuple):
            data[bound.name] = [str(v) for v in value]
        elif value is not None:
            data[bound.name] = str(value)
    return data


class Records:
    """The shared records and, for each, how to load it and how to save a new text into it."""

    def __init__(self, cast):
        self.cast = cast
        self.draft = DraftFactory(
            cycle=cast.cycle, statement="Every student belongs.", author=cast.lead
        )
        self.program = program_create(cycle=cast.cycle, name="Second Step", challenges="Time.")
        self.milestone = milestone(annual_goal(cast.cycle), owner=cast.member)
        self.names = ["draft", "program", "milestone"]

    # The draft, through its edit page like a browser.

    def draft_url(self):
        return reverse(
            "vision:draft_edit",
            kwargs={"district": "riverbend", "cycle": "2026-27", "code": self.draft.code},
        )

    def load_draft(self, client):
        response = client.get(self.draft_url())
        assert response.status_code == 200
        return int(VERSION_INPUT.search(response.content.decode()).group(1)), None

    def save_draft(self, client, loaded, _state, text):
        response = client.post(
            self.draft_url(), {"statement": text, "checklist": ["1"], "version": loaded}
        )
        if response.status_code == 302:
            return True, None
        assert response.status_code == 409, response.status_code
        html = response.content.decode()
        assert "Someone else saved a change first" in html
        assert text in html, "the refused text is on the merge page, not lost"
        return False, int(VERSION_INPUT.search(html).group(1))

    # The program and the milestone, through their forms and the versioned save.

    def load_program(self, _client):
        program = Program.objects.get(pk=self.program.pk)
        return program.version, program

    def save_program(self, _client, loaded, program, text):
        data = _form_data(ProgramForm(instance=program, cycle=self.cast.cycle))
        data.update(challenges=text, version=str(loaded))
        form = ProgramForm(data, instance=program, cycle=self.cast.cycle)
        assert form.is_valid(), form.errors
        try:
            program_save(form=form)
        except StaleEdit as stale:
            return False, stale.current.version
        return True, None

    def load_milestone(self, _client):
        mile = Milestone.objects.get(pk=self.milestone.pk)
        return mile.version, mile

    def save_milestone(self, _client, loaded, mile, text):
        data = _form_data(MilestoneForm(instance=mile, cycle=self.cast.cycle))
        data.update(text=text, version=str(loaded))
        form = MilestoneForm(data, instance=mile, cycle=self.cast.cycle)
        assert form.is_valid(), form.errors
        try:
            versioned_save(form=form)
        except StaleEdit as stale:
            return False, stale.current.version
        return True, None

    def history(self, name):
        """(version, text) of every saved version, oldest first."""
        obj, field = {
            "draft": (self.draft, "statement"),
            "program": (self.program, "challenges"),
            "milestone": (self.milestone, "text"),
        }[name]
        rows = type(obj).history.filter(id=obj.pk).order_by("history_id")
        return [(row.version, getattr(row, field)) for row in rows]

    def current(self, name):
        obj, field = {
            "draft": (Draft, "statement"),
            "program": (Program, "challenges"),
            "milestone": (Milestone, "text"),
        }[name]
        row = obj.objects.get(pk=getattr(self, name).pk)
        return row.version, getattr(row, field)


def _worker(records, seed, number, outcomes, errors, start):
    rng = random.Random(f"{seed}-{number}")
    client = Client()
    try:
        client.force_login(records.cast.member)
        start.wait()
        for save in range(SAVES_PER_THREAD):
            name = rng.choice(records.names)
            loaded, state = getattr(records, f"load_{name}")(client)
            time.sleep(rng.uniform(0, 0.02))
            text = f"seed {seed} thread {number} save {save}"
            accepted, current = getattr(records, f"save_{name}")(client, loaded, state, text)
            outcomes.append(Outcome(name, number, loaded, text, accepted, current))
    except BaseException as error:  # reported by the test, in the main thread
        errors.append(error)
    finally:
        connection.close()


@pytest.fixture
def records(transactional_db, cast):
    if connection.vendor != "postgresql":
        require_service("The concurrency test needs PostgreSQL (row locks): set DATABASE_URL")
    return Records(cast)


def test_concurrent_saves_lose_nothing_and_refuse_every_stale_one(records):
    initial = {name: records.current(name)[0] for name in records.names}
    outcomes: list[Outcome] = []
    for seed in SEEDS:
        errors: list[BaseException] = []
        start = threading.Barrier(THREADS)
        threads = [
            threading.Thread(target=_worker, args=(records, seed, n, outcomes, errors, start))
            for n in range(THREADS)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert not any(thread.is_alive() for thread in threads), "a save never finished"
        assert errors == [], errors

    assert len(outcomes) == len(SEEDS) * THREADS * SAVES_PER_THREAD
    accepted = [o for o in outcomes if o.accepted]
    refused = [o for o in outcomes if not o.accepted]
    assert accepted and refused, "the interleavings produced both kinds of save"

    for name in records.names:
        mine = [o for o in accepted if o.record == name]
        history = records.history(name)
        versions = [version for version, _text in history]
        final_version, final_text = records.current(name)

        # Setting up may leave more than one row of the first version (a many-to-many set).
        assert versions[0] == initial[name]
        saved = [version for version in versions if version != initial[name]]
        assert saved == list(range(initial[name] + 1, final_version + 1)), (
            "each saved version is the previous one plus one, in the order saved"
        )
        assert len(mine) == final_version - initial[name], "every accepted save made a version"
        made = {text: version for version, text in history}
        for outcome in mine:
            assert made.get(outcome.text) == outcome.loaded_version + 1, outcome
        last = max(mine, key=lambda o: o.loaded_version)
        assert final_text == last.text == history[-1][1], "the last accepted save is what stays"

    saved_texts = {text for name in records.names for _version, text in records.history(name)}
    for outcome in refused:
        assert outcome.current_version > outcome.loaded_version, ("refused but not stale", outcome)
        assert outcome.text not in saved_texts, ("a refused save was written", outcome)

    # Each thread saw every record's versions only go up.
    for number in range(THREADS):
        for name in records.names:
            seen = [o.loaded_version for o in outcomes if o.thread == number and o.record == name]
            assert seen == sorted(seen), (number, name, seen)
