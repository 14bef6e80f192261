import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from goals.forms.priorities import PriorityForm, SummaryForm
from goals.models import NOTE_MAX, NOTES_PER_CYCLE, Cluster, Note, Priority
from tests.factories import GoalFactory, PriorityFactory

PHRASES = [
    (
        "Provide a world-class education that prepares all students academically, socially, and "
        "emotionally."
    ),
    "Prepare all students to be caring and contributing students, family members, and friends.",
    "Prepare all students to be civically engaged community members.",
]


def _url(name, **kwargs):
    return reverse(f"goals:{name}", kwargs={"district": "riverbend", "cycle": "2026-27", **kwargs})


def _board(cast, who="member"):
    return cast.client(who).get(_url("priorities"))


def _note(cast, text="Every student belongs.", cluster=None, cycle=None):
    return Note.objects.create(
        cycle=cycle or cast.cycle, author=cast.member, text=text, cluster=cluster
    )


def _cluster(cast, label="", cycle=None):
    cycle = cycle or cast.cycle
    position = Cluster.objects.filter(cycle=cycle).count()
    return Cluster.objects.create(cycle=cycle, label=label, position=position)


def _priority(cast, phrase=PHRASES[0], cluster=None, position=0):
    return PriorityFactory(cycle=cast.cycle, phrase=phrase, cluster=cluster, position=position)


def _messages(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


# The board


def test_board_shows_the_workbook_text_and_the_missing_vision(cast):
    response = _board(cast)
    assert response.status_code == 200
    content = response.content.decode()
    for text in [
        "Our Shared Vision",
        "What big ideas do you see represented in our shared vision?",
        "Record the key SEL priorities stemming from your district’s shared vision here:",
        "By the end of this exercise, the group should have three to five key SEL priorities "
        "that will be used to develop SMARTIE goals.",
        "Example: Key SEL Priorities within a District Shared Vision",
        *PHRASES,
    ]:
        assert text in content, text
    assert _url("workspace_edit") in content
    assert reverse("vision:home", kwargs={"district": "riverbend", "cycle": "2026-27"}) in content


def test_board_shows_the_typed_vision(cast):
    from goals.models import GoalsWorkspace

    GoalsWorkspace.objects.filter(cycle=cast.cycle).update(vision_text="Every student thrives.")
    content = _board(cast).content.decode()
    assert "Every student thrives." in content
    assert "Typed in while the shared vision is not final." in content


def test_board_lists_notes_by_cluster(cast):
    cluster = _cluster(cast, "Belonging")
    _note(cast, "Loose idea")
    _note(cast, "Clustered idea", cluster=cluster)
    response = _board(cast)
    assert [n.text for n in response.context["unclustered"]] == ["Loose idea"]
    assert [n.text for n in response.context["clusters"][0].board_notes] == ["Clustered idea"]
    content = response.content.decode()
    assert "Not yet in a cluster" in content
    assert "Move to" in content
    for note in Note.objects.all():
        assert _url("note_move", code=note.code) in content
        assert _url("note_delete", code=note.code) in content
    assert _url("cluster_summarise", code=cluster.code) in content


# Adding notes


def test_member_adds_a_note(cast):
    response = cast.client("member").post(_url("note_add"), {"text": "  Students feel safe.  "})
    assert response.status_code == 302
    assert response["Location"].endswith("#big-ideas")
    note = Note.objects.get()
    assert (note.text, note.author, note.cycle, note.cluster) == (
        "Students feel safe.",
        cast.member,
        cast.cycle,
        None,
    )
    assert "Students feel safe." in _board(cast).content.decode()


def test_empty_note_is_refused_beside_the_field(cast):
    response = cast.client("member").post(_url("note_add"), {"text": "   "})
    assert response.status_code == 200
    assert "Write the big idea first." in response.content.decode()
    assert response.context["note_form"].errors["text"] == ["Write the big idea first."]
    assert not Note.objects.exists()


def test_oversized_note_is_refused_and_the_text_kept(cast):
    text = "x" * (NOTE_MAX + 1)
    response = cast.client("member").post(_url("note_add"), {"text": text})
    assert response.status_code == 200
    assert response.context["note_form"].errors["text"]
    assert f'value="{text}"' in response.content.decode()
    assert not Note.objects.exists()
    ok = cast.client("member").post(_url("note_add"), {"text": "y" * NOTE_MAX})
    assert ok.status_code == 302


def test_note_limit_per_cycle(cast):
    Note.objects.bulk_create(
        Note(cycle=cast.cycle, author=cast.member, text=f"Idea {i}") for i in range(NOTES_PER_CYCLE)
    )
    response = cast.client("member").post(_url("note_add"), {"text": "One more idea"})
    assert response.status_code == 200
    errors = response.context["note_form"].errors["text"]
    assert f"already holds {NOTES_PER_CYCLE} big ideas" in errors[0]
    assert 'value="One more idea"' in response.content.decode()
    assert Note.objects.count() == NOTES_PER_CYCLE
    # Another district's board is not affected.
    Note.objects.filter(text="Idea 0").delete()
    assert cast.client("member").post(_url("note_add"), {"text": "Now it fits"}).status_code == 302


# Moving, deleting, clustering


def test_move_a_note_between_clusters_and_out(cast):
    first, second = _cluster(cast, "Belonging"), _cluster(cast, "Caring")
    note = _note(cast, cluster=first)
    client = cast.client("member")
    response = client.post(_url("note_move", code=note.code), {"cluster": str(second.code)})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#note-{note.code}")
    note.refresh_from_db()
    assert note.cluster == second
    assert note.version == 2
    assert note.history.count() == 2
    client.post(_url("note_move", code=note.code), {"cluster": ""})
    note.refresh_from_db()
    assert note.cluster is None


def test_note_of_another_cycle_cannot_be_moved(cast):
    cluster = _cluster(cast)
    foreign = _note(cast, cycle=cast.other_cycle)
    response = cast.client("lead").post(
        _url("note_move", code=foreign.code), {"cluster": str(cluster.code)}
    )
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.cluster is None
    assert cast.client("lead").post(_url("note_delete", code=foreign.code)).status_code == 404
    assert Note.objects.filter(pk=foreign.pk).exists()


def test_note_cannot_move_into_another_districts_cluster(cast):
    foreign_cluster = _cluster(cast, cycle=cast.other_cycle)
    note = _note(cast)
    response = cast.client("member").post(
        _url("note_move", code=note.code), {"cluster": str(foreign_cluster.code)}, follow=True
    )
    assert response.status_code == 200
    assert "Choose one of this cycle&#x27;s clusters." in response.content.decode()
    note.refresh_from_db()
    assert note.cluster is None


def test_delete_a_note_keeps_its_history(cast):
    note = _note(cast, cluster=_cluster(cast))
    response = cast.client("member").post(_url("note_delete", code=note.code))
    assert response.status_code == 302
    assert response["Location"].endswith(f"#cluster-{note.cluster.code}")
    assert not Note.objects.exists()
    assert Note.history.filter(code=note.code, history_type="-").exists()
    assert cast.client("member").get(_url("note_delete", code=note.code)).status_code == 405


def test_create_clusters_with_and_without_label(cast):
    client = cast.client("member")
    assert client.post(_url("cluster_create"), {"label": "Belonging"}).status_code == 302
    assert client.post(_url("cluster_create"), {}).status_code == 302
    first, second = Cluster.objects.order_by("position")
    assert (first.label, first.position, first.cycle) == ("Belonging", 0, cast.cycle)
    assert (second.label, second.position) == ("", 1)
    board = _board(cast).content.decode()
    assert "Belonging" in board and "Cluster 2" in board
    too_long = client.post(_url("cluster_create"), {"label": "x" * 121}, follow=True)
    assert Cluster.objects.count() == 2
    assert _messages(too_long)


def test_merge_moves_the_notes_and_removes_the_source(cast):
    source, target = _cluster(cast, "Safe"), _cluster(cast, "Belonging")
    notes = [_note(cast, f"Idea {i}", cluster=source) for i in range(3)]
    kept = _note(cast, "Already there", cluster=target)
    priority = _priority(cast, cluster=source)
    response = cast.client("member").post(
        _url("cluster_merge", code=source.code), {"target": str(target.code)}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#cluster-{target.code}")
    assert not Cluster.objects.filter(pk=source.pk).exists()
    assert set(target.notes.all()) == {*notes, kept}
    priority.refresh_from_db()
    assert priority.cluster == target, "the source's priority follows its notes"
    assert Cluster.history.filter(code=source.code, history_type="-").exists()


def test_merge_is_refused_when_both_clusters_have_priorities(cast):
    source, target = _cluster(cast, "Safe"), _cluster(cast, "Belonging")
    note = _note(cast, cluster=source)
    _priority(cast, PHRASES[0], cluster=source)
    _priority(cast, PHRASES[1], cluster=target, position=1)
    response = cast.client("member").post(
        _url("cluster_merge", code=source.code), {"target": str(target.code)}, follow=True
    )
    assert any("Both clusters already have a priority" in m for m in _messages(response))
    assert Cluster.objects.filter(pk=source.pk).exists()
    note.refresh_from_db()
    assert note.cluster == source


def test_merge_into_itself_or_another_district_is_refused(cast):
    source = _cluster(cast)
    foreign = _cluster(cast, cycle=cast.other_cycle)
    client = cast.client("member")
    for target in (source, foreign):
        client.post(_url("cluster_merge", code=source.code), {"target": str(target.code)})
    assert Cluster.objects.filter(pk=source.pk).exists()
    assert Cluster.objects.filter(pk=foreign.pk).exists()
    response = cast.client("outsider").post(
        _url("cluster_merge", code=source.code), {"target": str(source.code)}
    )
    assert response.status_code == 404


# Summarising clusters and editing priorities


def test_summarise_creates_then_updates_the_priority(cast):
    cluster = _cluster(cast, "Academics")
    _note(cast, "World-class education", cluster=cluster)
    client = cast.client("member")
    page = client.get(_url("cluster_summarise", code=cluster.code))
    assert page.status_code == 200
    assert "World-class education" in page.content.decode()
    response = client.post(_url("cluster_summarise", code=cluster.code), {"phrase": PHRASES[0]})
    assert response.status_code == 302
    priority = Priority.objects.get()
    assert (priority.phrase, priority.cluster, priority.cycle) == (PHRASES[0], cluster, cast.cycle)
    assert response["Location"].endswith(f"#priority-{priority.code}")
    response = client.post(
        _url("cluster_summarise", code=cluster.code),
        {"phrase": "A world-class education for every student.", "version": priority.version},
    )
    assert response.status_code == 302
    priority.refresh_from_db()
    assert Priority.objects.count() == 1
    assert priority.phrase == "A world-class education for every student."
    assert priority.version == 2


def test_new_priorities_are_placed_last(cast):
    _priority(cast, PHRASES[0], position=4)
    cluster = _cluster(cast)
    cast.client("member").post(_url("cluster_summarise", code=cluster.code), {"phrase": "Last"})
    assert Priority.objects.get(phrase="Last").position == 5


def test_summary_needs_a_phrase(cast):
    cluster = _cluster(cast)
    nothing = cast.client("member").post(_url("cluster_summarise", code=cluster.code), {})
    assert nothing.status_code == 200
    assert nothing.context["form"].errors["phrase"]
    response = cast.client("member").post(
        _url("cluster_summarise", code=cluster.code), {"phrase": "   "}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["phrase"] == [
        "Write the phrase that summarises this cluster."
    ]
    assert not Priority.objects.exists()
    assert not SummaryForm(data={"phrase": ""}).is_valid()
    assert not SummaryForm(data={"phrase": "x" * 301}).is_valid()


def test_summary_written_meanwhile_by_someone_else_is_a_conflict(cast):
    cluster = _cluster(cast)
    client = cast.client("member")
    form_page = client.get(_url("cluster_summarise", code=cluster.code))
    assert "version" not in form_page.context["form"].fields
    _priority(cast, "Their phrase", cluster=cluster)
    response = client.post(_url("cluster_summarise", code=cluster.code), {"phrase": "My phrase"})
    assert response.status_code == 409
    content = response.content.decode()
    assert "Their phrase" in content and "My phrase" in content
    assert Priority.objects.get().phrase == "Their phrase"


def test_priority_edit_and_empty_phrase(cast):
    priority = _priority(cast)
    client = cast.client("member")
    assert client.get(_url("priority_edit", code=priority.code)).status_code == 200
    data = {"phrase": PHRASES[1], "description": "What it means here.", "version": 1}
    response = client.post(_url("priority_edit", code=priority.code), data)
    assert response.status_code == 302
    priority.refresh_from_db()
    assert (priority.phrase, priority.description, priority.version) == (
        PHRASES[1],
        "What it means here.",
        2,
    )
    empty = client.post(
        _url("priority_edit", code=priority.code), {**data, "phrase": " ", "version": 2}
    )
    assert empty.status_code == 200
    assert empty.context["form"].errors["phrase"]
    assert not PriorityForm(data={"phrase": "", "description": ""}).is_valid()
    priority.refresh_from_db()
    assert priority.phrase == PHRASES[1]


def test_stale_priority_edit_is_a_conflict(cast):
    priority = _priority(cast)
    client = cast.client("member")
    data = {"phrase": "First save", "description": "", "version": 1}
    assert client.post(_url("priority_edit", code=priority.code), data).status_code == 302
    stale = client.post(_url("priority_edit", code=priority.code), {**data, "phrase": "Second"})
    assert stale.status_code == 409
    priority.refresh_from_db()
    assert priority.phrase == "First save"


def test_priority_delete_asks_first_then_removes(cast):
    priority = _priority(cast)
    client = cast.client("member")
    assert client.get(_url("priority_delete", code=priority.code)).status_code == 200
    assert Priority.objects.exists()
    assert client.post(_url("priority_delete", code=priority.code)).status_code == 302
    assert not Priority.objects.exists()
    assert Priority.history.filter(code=priority.code, history_type="-").exists()


def test_priority_delete_is_refused_with_a_goal(cast):
    priority = _priority(cast)
    GoalFactory(priority=priority)
    client = cast.client("member")
    for method in ("get", "post"):
        response = getattr(client, method)(_url("priority_delete", code=priority.code), follow=True)
        assert "This priority has a SMARTIE goal; remove the goal first." in _messages(response)
    assert Priority.objects.filter(pk=priority.pk).exists()


def test_priority_delete_refused_when_a_goal_appears_meanwhile(cast):
    from goals import services_priorities

    priority = _priority(cast)
    GoalFactory(priority=priority)
    with pytest.raises(services_priorities.PriorityHasGoal):
        services_priorities.priority_delete(priority=priority)


@pytest.mark.parametrize(
    ("count", "notice"), [(0, True), (2, True), (4, False), (5, False), (6, True)]
)
def test_three_to_five_priorities_notice(cast, count, notice):
    for i in range(count):
        _priority(cast, f"Priority {i}", position=i)
    content = _board(cast).content.decode()
    assert ("Three to five priorities are recommended" in content) is notice


def test_priorities_link_to_their_goals(cast):
    with_goal, without = _priority(cast, PHRASES[0]), _priority(cast, PHRASES[1], position=1)
    goal = GoalFactory(priority=with_goal)
    content = _board(cast).content.decode()
    assert _url("goal_edit", code=without.code) in content
    assert _url("goal_edit", code=with_goal.code) in content
    assert _url("goal", code=goal.code) in content
    assert _url("priority_delete", code=without.code) in content
    assert _url("priority_delete", code=with_goal.code) not in content


# Access


def test_viewer_reads_but_cannot_write(cast):
    cluster = _cluster(cast)
    note = _note(cast, cluster=cluster)
    other = _cluster(cast)
    priority = _priority(cast, cluster=cluster)
    viewer = cast.client("viewer")
    response = viewer.get(_url("priorities"))
    assert response.status_code == 200
    content = response.content.decode()
    assert note.text in content and priority.phrase in content
    assert _url("note_add") not in content
    assert _url("note_move", code=note.code) not in content
    for url, data in [
        (_url("note_add"), {"text": "Idea"}),
        (_url("note_move", code=note.code), {"cluster": ""}),
        (_url("note_delete", code=note.code), {}),
        (_url("cluster_create"), {"label": "New"}),
        (_url("cluster_merge", code=other.code), {"target": str(cluster.code)}),
        (_url("cluster_summarise", code=cluster.code), {"phrase": "Mine"}),
        (_url("priority_edit", code=priority.code), {"phrase": "Mine", "version": 1}),
        (_url("priority_delete", code=priority.code), {}),
    ]:
        assert viewer.post(url, data).status_code == 403, url
    for name, code in [("cluster_summarise", cluster.code), ("priority_edit", priority.code)]:
        assert viewer.get(_url(name, code=code)).status_code == 403
    assert Note.objects.count() == 1 and Cluster.objects.count() == 2
    note.refresh_from_db()
    assert note.cluster == cluster


def test_outsider_gets_404(cast):
    note, cluster, priority = _note(cast), _cluster(cast), _priority(cast)
    outsider = cast.client("outsider")
    assert outsider.get(_url("priorities")).status_code == 404
    assert outsider.post(_url("note_add"), {"text": "Idea"}).status_code == 404
    assert outsider.post(_url("note_move", code=note.code), {"cluster": ""}).status_code == 404
    assert outsider.get(_url("cluster_summarise", code=cluster.code)).status_code == 404
    assert outsider.get(_url("priority_edit", code=priority.code)).status_code == 404
    assert not Note.objects.filter(cycle=cast.other_cycle).exists()


# Queries


def test_board_queries_do_not_grow_with_notes(cast):
    clusters = [_cluster(cast, f"Cluster label {i}") for i in range(4)]
    for i, cluster in enumerate(clusters[:2]):
        _priority(cast, f"Priority {i}", cluster=cluster, position=i)
    GoalFactory(priority=Priority.objects.first())

    def _add(n):
        authors = [cast.lead, cast.member, None]
        Note.objects.bulk_create(
            Note(
                cycle=cast.cycle,
                author=authors[i % 3],
                text=f"Idea {i}",
                cluster=clusters[i % 5] if i % 5 < 4 else None,
            )
            for i in range(n)
        )

    client = cast.client("member")
    _add(5)
    with CaptureQueriesContext(connection) as few:
        assert client.get(_url("priorities")).status_code == 200
    Note.objects.all().delete()
    _add(300)
    with CaptureQueriesContext(connection) as many:
        response = client.get(_url("priorities"))
    assert response.status_code == 200
    assert response.context["note_count"] == 300
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_an_empty_priority_phrase_is_refused_by_the_database(cast):
    import pytest
    from django.db import IntegrityError

    from goals.models import Priority

    with pytest.raises(IntegrityError):
        Priority.objects.create(cycle=cast.cycle, phrase="")
