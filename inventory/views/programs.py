from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sel_planner.districts import registry
from sel_planner.districts.access import Need, access_cycle
from sel_planner.districts.editing import StaleEdit
from sel_planner.districts.pages import cycle_object, page_context

from .. import protocol, selectors, services
from ..forms.programs import MergeForm, NextStepsForm, ProgramForm, cell_form_class
from ..models import Program
from ._common import to

PAGE_SIZE = 25
FIELD_SLOT = "__field__"  # a slug no column has: each program's cell links from one reverse()


@require_GET
def table(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    programs = selectors.program_table(cycle=cycle, params=request.GET)
    page = Paginator(programs, PAGE_SIZE).get_page(request.GET.get("page"))
    people = selectors.people_to_ask(cycle=cycle)
    for program in page.object_list:
        gaps = selectors.program_gaps(program)
        mentions = list(program.mentions.all())
        sources = selectors.program_sources(program=program, mentions=mentions)
        program.mention_count = len(mentions)
        where = {"district": cycle.district.slug, "cycle": cycle.slug, "code": program.code}
        # The field is the link's last segment; the slugs before it may hold anything.
        link = reverse("inventory:cell_edit", kwargs={**where, "field": FIELD_SLOT})
        before, after = link.rsplit(FIELD_SLOT, 1)
        program.cells = [
            (
                f,
                _cell_value(program, f),
                f in gaps,
                _names(sources.get(f, [])),
                f"{before}{f}{after}",
            )
            for f in selectors.COLUMNS
        ]
        program.gap_labels = [selectors.column_label(f) for f in gaps]
        program.ask = selectors.who_else_to_ask(program=program, people=people) if gaps else []
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "inventory/table.html",
        page_context(
            cycle,
            section="table",
            page=page,
            columns=[(f, selectors.column_label(f)) for f in selectors.COLUMNS],
            params=request.GET,
            query=query.urlencode(),
            bands=selectors.GRADE_BANDS,
            schools=cycle.district.schools.all(),
            goals=cycle.goals_goal_set.select_related("priority"),
            actives=Program.Active.choices,
            unmatched=selectors.unmatched_mentions(cycle=cycle)[:20],
        ),
    )


def _names(mentions) -> list[str]:
    """Who a cell's text came from, each interview once."""
    return list(dict.fromkeys(str(mention.interview) for mention in mentions))


def _cell_value(program, field):
    if field == "organisation":
        return selectors.organisation_text(program)
    if field == "connection":
        phrases = [goal.priority.phrase for goal in program.goals.all()]
        return "\n".join([*phrases, program.connection] if program.connection else phrases)
    return getattr(program, field)


def _program_form(request, cycle, program, *, template="inventory/program_form.html"):
    form = ProgramForm(request.POST or None, instance=program, cycle=cycle)
    context = page_context(cycle, section="table", program=program)
    if request.method == "POST" and form.is_valid():
        saved = services.program_save(form=form)
        messages.success(request, _("Saved “%(name)s”.") % {"name": saved.name})
        return to("program", cycle, code=saved.code)
    return render(request, template, {**context, "form": form, "duplicate": form.duplicate})


@require_http_methods(["GET", "POST"])
def program_add(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    return _program_form(request, cycle, Program(cycle=cycle))


@require_http_methods(["GET", "POST"])
def program_edit(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    return _program_form(request, cycle, cycle_object(cycle, Program, code))


@require_GET
def program(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle)
    obj = cycle_object(cycle, Program, code)
    sources = selectors.program_sources(program=obj)
    gaps = selectors.program_gaps(obj)
    cells = [
        (f, selectors.column_label(f), _cell_value(obj, f), sources.get(f, []), f in gaps)
        for f in selectors.COLUMNS
    ]
    people = selectors.people_to_ask(cycle=cycle) if gaps else []
    return render(
        request,
        "inventory/program.html",
        page_context(
            cycle,
            section="table",
            program=obj,
            cells=cells,
            gaps=gaps,
            ask=selectors.who_else_to_ask(program=obj, people=people) if gaps else [],
            sources=sources["name"],
            discussion=[(label, getattr(obj, f)) for f, label in protocol.DISCUSSION],
            deadline_passed=bool(obj.deadline and obj.deadline < timezone.localdate()),
        ),
    )


@require_http_methods(["GET", "POST"])
def cell_edit(request, district, cycle, code, field):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    if field not in selectors.COLUMNS:
        raise Http404
    obj = cycle_object(cycle, Program, code)
    form = cell_form_class(field)(request.POST or None, instance=obj, cycle=cycle)
    context = page_context(cycle, section="table", program=obj, field=field)
    if request.method == "POST" and form.is_valid():
        try:
            services.program_save(form=form)
        except StaleEdit as stale:
            if not request.htmx:
                raise  # the merge page (ConflictMiddleware)
            return _cell_conflict(request, form, stale, context, field)
        if request.htmx:
            context |= {"value": getattr(obj, field)}
            return render(request, "inventory/_cell.html", context)
        messages.success(request, _("Saved."))
        return to("program", cycle, code=obj.code)
    template = "inventory/_cell_form.html" if request.htmx else "inventory/cell_form.html"
    return render(
        request, template, {**context, "form": form, "label": selectors.column_label(field)}
    )


def _cell_conflict(request, form, stale, context, field):
    """In the table: the other person's text beside the user's, ready to save over it."""
    data = request.POST.copy()
    data["version"] = str(stale.current.version)
    merge = type(form)(data=data, instance=stale.current, cycle=context["cycle"])
    context |= {"form": merge, "theirs": getattr(stale.current, field) or "—"}
    return render(request, "inventory/_cell_form.html", context)


@require_http_methods(["GET", "POST"])
def next_steps(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    obj = cycle_object(cycle, Program, code)
    form = NextStepsForm(request.POST or None, instance=obj, cycle=cycle)
    context = page_context(cycle, section="next", program=obj)
    if request.method == "POST" and form.is_valid():
        services.program_save(form=form)
        if form.deadline_passed:
            messages.warning(request, _("The deadline for the next step has already passed."))
        messages.success(request, _("Next steps saved."))
        return to("program", cycle, code=obj.code)
    return render(request, "inventory/next_steps_form.html", {**context, "form": form})


@require_http_methods(["GET", "POST"])
def program_delete(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    obj = cycle_object(cycle, Program, code)
    if request.method == "POST":
        obj.delete()
        messages.success(request, _("The program was removed; a lead can restore it from history."))
        return to("table", cycle)
    return render(
        request,
        "inventory/program_delete.html",
        page_context(
            cycle,
            section="table",
            program=obj,
            mentions=obj.mentions.count(),
            citations=registry.citations_of(obj),
        ),
    )


@require_http_methods(["GET", "POST"])
def program_merge(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    obj = cycle_object(cycle, Program, code)
    form = MergeForm(request.POST or request.GET or None, cycle=cycle, source=obj)
    if request.method == "POST" and form.is_valid():
        target = services.program_merge(source=obj, target=form.cleaned_data["target"])
        messages.success(request, _("Merged into “%(name)s”.") % {"name": target.name})
        return to("program", cycle, code=target.code)
    context = page_context(cycle, section="table", program=obj, form=form)
    return render(request, "inventory/program_merge.html", context)


@require_GET
def build_on(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    return render(
        request,
        "inventory/build_on.html",
        page_context(
            cycle,
            section="next",
            rows=selectors.build_on_rows(cycle=cycle),
            phase_out=selectors.phase_out_rows(cycle=cycle),
            today=timezone.localdate(),
            undecided=cycle.inventory_program_set.filter(decision="").order_by("name_key"),
            discussion=[label for _f, label in protocol.DISCUSSION],
        ),
    )
