"""Section 2 and 3: the inventory table, gaps, in-place cells, duplicates, next steps, build-on."""

from datetime import timedelta

from django.utils import timezone

from inventory.models import Mention, Program
from inventory.selectors import COLUMNS, program_gaps
from inventory.services import grade_range, mention_add, program_create
from tests.factories import GoalFactory, InterviewFactory, PersonFactory

FULL = {
    "organisation": "District Culture and Climate",
    "grades": "1-4",
    "active": "Yes, districtwide",
    "active_state": "yes",
    "program_goals": "Safe climate",
    "achieved": "At about 70% of schools",
    "evidence": "Climate survey",
    "resources": "Climate specialist",
    "challenges": "Budget",
    "connection": "Relates to our climate goal.",
    "start_year": "2016",
}


def test_grade_ranges():
    assert grade_range("K-8") == (0, 8)
    assert grade_range("1-4 district-wide") == (1, 4)
    assert grade_range("6–8") == (6, 8)
    assert grade_range("9") == (9, 9)
    assert grade_range("all grades") == (None, None)


def test_gaps_are_the_empty_cells(cast):
    full = program_create(cycle=cast.cycle, name="Full", **FULL)
    assert program_gaps(full) == []
    empty = program_create(cycle=cast.cycle, name="Empty", active_state="no")
    gaps = program_gaps(empty)
    assert "why_not" in gaps and "evidence" in gaps and "name" not in gaps
    still_active = program_create(cycle=cast.cycle, name="Active", **{**FULL, "challenges": ""})
    assert program_gaps(still_active) == ["challenges"]


def test_a_linked_goal_fills_the_connection_cell(cast, goal):
    program = program_create(cycle=cast.cycle, name="Full", **{**FULL, "connection": ""})
    assert program_gaps(program) == ["connection"]
    program.goals.add(goal)
    assert program_gaps(program) == []


def test_table_marks_gaps_and_says_who_else_to_ask(cast, url):
    program_create(cycle=cast.cycle, name="PBIS", organisation="Lincoln Elementary")
    PersonFactory(cycle=cast.cycle, name="Far Away", organisation="Elsewhere")
    PersonFactory(cycle=cast.cycle, name="Near By", organisation="Lincoln Elementary")
    PersonFactory(cycle=cast.cycle, name="Done Already", status="done")
    page = cast.client("viewer").get(url("table")).content.decode()
    assert "gap-badge" in page
    ask = page[page.index("Gaps, and who else could be asked") :]
    assert ask.index("Near By") < ask.index("Far Away")
    assert "Done Already" not in ask


def test_every_cell_of_the_table_links_to_its_own_editor(cast, url):
    cast.district.slug = "river__field__bend"  # a slug may even hold the links' placeholder
    cast.district.save()
    programs = [program_create(cycle=cast.cycle, name=f"Program {n}", **FULL) for n in range(3)]
    page = cast.client("member").get(url("table")).content.decode()
    for program in programs:
        for field in COLUMNS[1:]:
            link = url("cell_edit", code=program.code, field=field)
            assert f'href="{link}"' in page and f'hx-get="{link}"' in page
    assert "__field__" not in page.replace(cast.district.slug, "")
    viewer = cast.client("viewer").get(url("table")).content.decode()
    assert "cell-edit" not in viewer


def test_table_filters(cast, url, goal):
    school = cast.school
    a = program_create(cycle=cast.cycle, name="Alpha", grades="K-5", active_state="yes")
    a.schools.add(school)
    a.goals.add(goal)
    program_create(cycle=cast.cycle, name="Beta", grades="9-12", active_state="no")
    client = cast.client("viewer")

    def names(query):
        page = client.get(url("table") + query).content.decode()
        found = [n for n in ("Alpha", "Beta") if f">{n}</a>" in page]
        return sorted(found, key=lambda n: page.index(f">{n}</a>"))

    assert names("") == ["Alpha", "Beta"]
    assert names("?active=no") == ["Beta"]
    assert names(f"?school={school.code}") == ["Alpha"]
    assert names("?band=high") == ["Beta"]
    assert names("?band=middle") == []
    assert names(f"?goal={goal.code}") == ["Alpha"]
    assert names("?school=not-a-code&goal=junk") == []
    assert names("?sort=active") == ["Beta", "Alpha"]


def test_program_page_shows_which_interviews_each_cell_came_from(cast, url):
    interview = InterviewFactory(cycle=cast.cycle, respondent_name="Marcus Bell")
    mention = mention_add(interview=interview, name="PBIS", program=None)
    Mention.objects.filter(pk=mention.pk).update(q7_evidence="Fewer referrals")
    page = cast.client("viewer").get(url("program", code=mention.program.code)).content.decode()
    evidence = page[page.index("Are Goals Achieved for All Sub-Groups?") :]
    assert "Marcus Bell" in evidence[: evidence.index("</tr>")]


def test_edit_a_cell_in_place(cast, url):
    program = program_create(cycle=cast.cycle, name="PBIS")
    client = cast.client("member")
    fragment = client.get(
        url("cell_edit", code=program.code, field="grades"), HTTP_HX_REQUEST="true"
    )
    assert "<html" not in fragment.content.decode() and 'name="grades"' in fragment.content.decode()
    response = client.post(
        url("cell_edit", code=program.code, field="grades"),
        {"grades": "K-8", "version": 1},
        HTTP_HX_REQUEST="true",
    )
    program.refresh_from_db()
    assert (program.grades, program.grade_low, program.grade_high) == ("K-8", 0, 8)
    assert "K-8" in response.content.decode()


def test_unknown_cell_is_not_found(cast, url):
    program = program_create(cycle=cast.cycle, name="PBIS")
    response = cast.client("member").get(url("cell_edit", code=program.code, field="cycle"))
    assert response.status_code == 404


def test_stale_cell_edit_is_a_conflict(cast, url):
    program = program_create(cycle=cast.cycle, name="PBIS")
    Program.objects.filter(pk=program.pk).update(version=5, grades="6-8")
    response = cast.client("member").post(
        url("cell_edit", code=program.code, field="grades"), {"grades": "K-8", "version": 1}
    )
    assert response.status_code == 409
    program.refresh_from_db()
    assert program.grades == "6-8"


def test_duplicate_name_offers_a_merge(cast, url):
    program_create(cycle=cast.cycle, name="PBIS")
    other = program_create(cycle=cast.cycle, name="Positive behavior")
    response = cast.client("member").post(
        url("program_edit", code=other.code), {"name": "P.B.I.S.", "version": 1}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The inventory already has “PBIS”" in page
    assert url("program_merge", code=other.code) in page
    other.refresh_from_db()
    assert other.name == "Positive behavior"


def test_merge_keeps_cells_interviews_and_schools(cast, url):
    target = program_create(cycle=cast.cycle, name="PBIS", grades="K-8")
    source = program_create(
        cycle=cast.cycle, name="Positive behavior", grades="K-5", evidence="Fewer referrals"
    )
    source.schools.add(cast.school)
    interview = InterviewFactory(cycle=cast.cycle)
    mention_add(interview=interview, name="Positive behavior", program=source)
    cast.client("member").post(url("program_merge", code=source.code), {"target": target.pk})
    target.refresh_from_db()
    assert not Program.objects.filter(pk=source.pk).exists()
    assert (target.grades, target.evidence) == ("K-8", "Fewer referrals")
    assert list(target.schools.all()) == [cast.school]
    assert target.mentions.count() == 1


def test_merge_target_of_another_district_is_refused(cast, url):
    source = program_create(cycle=cast.cycle, name="A")
    foreign = program_create(cycle=cast.other_cycle, name="B")
    response = cast.client("member").post(
        url("program_merge", code=source.code), {"target": foreign.pk}
    )
    assert response.status_code == 200
    assert Program.objects.filter(pk=source.pk).exists()


def test_program_form_narrows_schools_and_goals(cast, url):
    from tests.factories import SchoolFactory

    foreign_school = SchoolFactory(district=cast.other_district)
    foreign_goal = GoalFactory(cycle=cast.other_cycle)
    client = cast.client("member")
    for field, value in (("schools", foreign_school.pk), ("goals", foreign_goal.pk)):
        response = client.post(url("program_add"), {"name": "PBIS", field: value})
        assert response.status_code == 200
        assert "Select a valid choice" in response.context["form"].errors[field][0]
    assert not Program.objects.exists()


def test_add_a_program_with_schools_and_goals(cast, url, goal):
    response = cast.client("member").post(
        url("program_add"),
        {"name": "PBIS", "schools": [cast.school.pk], "goals": [goal.pk], "grades": "K-8"},
    )
    program = Program.objects.get()
    assert response["Location"] == url("program", code=program.code)
    assert list(program.schools.all()) == [cast.school] and list(program.goals.all()) == [goal]


def _next_steps(**fields):
    return {"version": 1, "decision": "expand", "next_steps": "Meet the climate team.", **fields}


def test_next_steps_with_a_past_deadline_are_saved_and_flagged(cast, url):
    program = program_create(cycle=cast.cycle, name="Positive School Climate")
    past = timezone.localdate() - timedelta(days=3)
    response = cast.client("member").post(
        url("next_steps", code=program.code),
        _next_steps(deadline=past.isoformat(), responsible=cast.member.pk),
        follow=True,
    )
    program.refresh_from_db()
    assert program.deadline == past and program.responsible == cast.member
    assert "The deadline for the next step has already passed." in response.content.decode()
    page = cast.client("viewer").get(url("build_on")).content.decode()
    assert "Meet the climate team." in page and "Deadline passed" in page


def test_building_on_needs_a_next_step(cast, url):
    program = program_create(cycle=cast.cycle, name="PBIS")
    response = cast.client("member").post(
        url("next_steps", code=program.code), _next_steps(next_steps="")
    )
    assert "Write the next step" in response.content.decode()
    program.refresh_from_db()
    assert program.decision == ""


def test_responsible_from_another_district_is_refused(cast, url):
    program = program_create(cycle=cast.cycle, name="PBIS")
    response = cast.client("member").post(
        url("next_steps", code=program.code), _next_steps(responsible=cast.outsider.pk)
    )
    assert "Select a valid choice" in response.content.decode()


def test_build_on_lists_only_programs_continued_and_phase_outs_apart(cast, url):
    program_create(cycle=cast.cycle, name="Kept", decision="maintain", next_steps="Keep going")
    program_create(
        cycle=cast.cycle, name="Dropped", decision="phase_out", phase_out_who="Principals"
    )
    program_create(cycle=cast.cycle, name="Undecided")
    page = cast.client("viewer").get(url("build_on")).content.decode()
    table = page[page.index("build-on-table") : page.index("</table>")]
    assert "Kept" in table and "Dropped" not in table and "Undecided" not in table
    assert "Principals" in page[page.index("Programs phased out") :]


def test_deleting_a_program_asks_first_and_a_lead_restores_it(cast, url):
    program = program_create(cycle=cast.cycle, name="PBIS")
    interview = InterviewFactory(cycle=cast.cycle)
    mention = mention_add(interview=interview, name="PBIS", program=program)
    page = cast.client("member").get(url("program_delete", code=program.code)).content.decode()
    assert "1 interview mentions this program" in page
    cast.client("member").post(url("program_delete", code=program.code))
    mention.refresh_from_db()
    assert mention.program is None
    record = Program.history.filter(history_type="-").get()
    cast.client("lead").post(url("removed_restore", history_id=record.history_id))
    assert Program.objects.filter(code=program.code).exists()


def test_history_and_restore(cast, url):
    program = program_create(cycle=cast.cycle, name="PBIS", grades="K-5")
    cast.client("member").post(
        url("cell_edit", code=program.code, field="grades"), {"grades": "K-8", "version": 1}
    )
    first = program.history.order_by("history_date").first()
    page = (
        cast.client("lead").get(url("history", kind="program", code=program.code)).content.decode()
    )
    assert "K-8" in page
    cast.client("lead").post(
        url("history_restore", kind="program", code=program.code, history_id=first.history_id)
    )
    program.refresh_from_db()
    assert program.grades == "K-5"


def test_history_of_an_unknown_kind_is_not_found(cast, url):
    program = program_create(cycle=cast.cycle, name="PBIS")
    assert (
        cast.client("lead").get(url("history", kind="user", code=program.code)).status_code == 404
    )


def test_another_cycles_program_is_not_found(cast, url):
    foreign = program_create(cycle=cast.other_cycle, name="PBIS")
    assert cast.client("lead").get(url("program", code=foreign.code)).status_code == 404


def test_empty_table_says_what_to_do(cast, url):
    page = cast.client("member").get(url("table")).content.decode()
    assert "The table is empty." in page and url("program_add") in page


def test_interview_counts_are_not_multiplied_by_a_filter(cast, url):
    from tests.factories import SchoolFactory

    program = program_create(cycle=cast.cycle, name="PBIS")
    program.schools.add(cast.school, SchoolFactory(district=cast.district))
    for name in ("A", "B"):
        mention_add(
            interview=InterviewFactory(cycle=cast.cycle, respondent_name=name),
            name="PBIS",
            program=program,
        )
    page = cast.client("viewer").get(url("table") + f"?school={cast.school.code}").content.decode()
    assert "from 2 interviews" in page


def test_each_cell_of_the_table_names_the_interviews_it_came_from(cast, url):
    interview = InterviewFactory(cycle=cast.cycle, respondent_name="Marcus Bell")
    mention = mention_add(interview=interview, name="PBIS", program=None)
    Mention.objects.filter(pk=mention.pk).update(q10_challenges="Low morale")
    Program.objects.filter(pk=mention.program_id).update(challenges="Low morale")
    page = cast.client("viewer").get(url("table")).content.decode()
    row = page[page.index(">PBIS</a>") :]
    cells = row[: row.index("</tr>")].split("<td>")  # cells[i] is the column COLUMNS[i]
    challenges = cells[COLUMNS.index("challenges")]
    assert "Low morale" in challenges and "From: Marcus Bell" in challenges
    assert "From:" not in cells[COLUMNS.index("resources")]


def test_stale_cell_edit_in_place_shows_both_texts_in_the_cell(cast, url):
    program = program_create(cycle=cast.cycle, name="PBIS")
    Program.objects.filter(pk=program.pk).update(version=5, grades="6-8")
    client = cast.client("member")
    address = url("cell_edit", code=program.code, field="grades")
    response = client.post(address, {"grades": "K-8", "version": 1}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert "Someone else saved this cell first" in body and "6-8" in body
    assert 'value="K-8"' in body and 'name="version" value="5"' in body
    program.refresh_from_db()
    assert program.grades == "6-8"
    client.post(address, {"grades": "K-8", "version": 5}, HTTP_HX_REQUEST="true")
    program.refresh_from_db()
    assert program.grades == "K-8"
