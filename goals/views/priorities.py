"""Key SEL priorities: big ideas from the shared vision as notes, grouped into clusters, each
cluster summarised as one priority. Plain forms and buttons: everything works from the keyboard
and without JavaScript.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sel_planner.districts.access import Need, access_cycle
from sel_planner.districts.editing import StaleEdit, conflict_response, versioned_save
from sel_planner.districts.pages import cycle_object, page_context

from .. import selectors
from .. import services_priorities as services
from ..forms.priorities import (
    ClusterForm,
    ClusterMergeForm,
    NoteForm,
    NoteMoveForm,
    PriorityForm,
    SummaryForm,
)
from ..models import NOTE_MAX, NOTES_PER_CYCLE, Cluster, Note, Priority


def _board(cycle, anchor: str = ""):
    url = reverse("goals:priorities", kwargs={"district": cycle.district.slug, "cycle": cycle.slug})
    return redirect(f"{url}#{anchor}" if anchor else url)


def _refused(request, cycle, anchor: str, reasons):
    """Back to the board at `anchor`, saying why the change was refused."""
    messages.error(request, " ".join(str(reason) for reason in reasons))
    return _board(cycle, anchor)


def _form_errors(form) -> list:
    return [error for errors in form.errors.values() for error in errors]


def _board_context(cycle, *, note_form=None) -> dict:
    """The whole board in a fixed number of queries, however many notes and clusters it holds."""
    board = selectors.priority_board(cycle=cycle)
    vision, source = selectors.shared_vision(cycle=cycle)
    return page_context(
        cycle,
        section="priorities",
        vision=vision,
        vision_source=source,
        note_limit=NOTES_PER_CYCLE,
        note_max=NOTE_MAX,
        note_form=note_form or NoteForm(),
        cluster_form=ClusterForm(),
        priority_notice=services.priority_notice(len(board["priorities"])),
        **board,
    )


@require_GET
def board(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    return render(request, "goals/priorities.html", _board_context(cycle))


@require_POST
def note_add(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.note_add(cycle=cycle, author=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error("text", error)
        else:
            messages.success(request, _("Big idea added."))
            return _board(cycle, "big-ideas")
    return render(request, "goals/priorities.html", _board_context(cycle, note_form=form))


@require_POST
def note_move(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    note = cycle_object(cycle, Note, code)
    form = NoteMoveForm(request.POST, cycle=cycle)
    if not form.is_valid():
        return _refused(request, cycle, f"note-{note.code}", _form_errors(form))
    cluster = form.cleaned_data["cluster"]
    try:
        services.note_move(note=note, cluster=cluster)
    except ValidationError as error:
        return _refused(request, cycle, f"note-{note.code}", error.messages)
    if cluster is None:
        messages.success(request, _("Big idea taken out of its cluster."))
    else:
        messages.success(
            request,
            _("Big idea moved to %(cluster)s.") % {"cluster": services.cluster_name(cluster)},
        )
    return _board(cycle, f"note-{note.code}")


@require_POST
def note_delete(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    note = cycle_object(cycle, Note, code)
    anchor = f"cluster-{note.cluster.code}" if note.cluster_id else "unclustered"
    services.note_delete(note=note)
    messages.success(request, _("Big idea removed; its history is kept."))
    return _board(cycle, anchor)


@require_POST
def cluster_create(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    form = ClusterForm(request.POST)
    if not form.is_valid():
        return _refused(request, cycle, "clusters", _form_errors(form))
    try:
        cluster = services.cluster_create(cycle=cycle, label=form.cleaned_data["label"])
    except ValidationError as error:
        return _refused(request, cycle, "clusters", error.messages)
    messages.success(
        request,
        _("%(cluster)s started: move big ideas into it.")
        % {"cluster": services.cluster_name(cluster)},
    )
    return _board(cycle, f"cluster-{cluster.code}")


@require_POST
def cluster_merge(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    source = cycle_object(cycle, Cluster, code)
    form = ClusterMergeForm(request.POST, source=source)
    if not form.is_valid():
        return _refused(request, cycle, f"cluster-{source.code}", _form_errors(form))
    try:
        target = services.cluster_merge(source=source, target=form.cleaned_data["target"])
    except ValidationError as error:
        return _refused(request, cycle, f"cluster-{source.code}", error.messages)
    messages.success(
        request,
        _("%(source)s merged into %(target)s; its history is kept.")
        % {"source": services.cluster_name(source), "target": services.cluster_name(target)},
    )
    return _board(cycle, f"cluster-{target.code}")


@require_http_methods(["GET", "POST"])
def cluster_summarise(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    cluster = cycle_object(cycle, Cluster, code)
    priority = selectors.priority_for_cluster(cluster=cluster)
    opened_before_it_existed = request.method == "POST" and "version" not in request.POST
    if priority is not None and opened_before_it_existed:
        # Someone summarised the cluster after this form was opened: show both phrases.
        form = SummaryForm(request.POST, instance=Priority(cycle=cycle, cluster=cluster))
        if form.is_valid():
            context = page_context(cycle, section="priorities", object=priority)
            return conflict_response(request, form=form, stale=StaleEdit(priority), context=context)
    priority = priority or Priority(cycle=cycle, cluster=cluster)
    form = SummaryForm(request.POST if request.method == "POST" else None, instance=priority)
    cluster.name = services.cluster_name(cluster)
    context = page_context(
        cycle,
        section="priorities",
        cluster=cluster,
        notes=selectors.notes_of_cluster(cluster_id=cluster.pk),
        object=priority if priority.pk else None,
        label=_("Key SEL priority"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.priority_summary_save(form=form, cluster=cluster)
        except ValidationError as error:
            return _refused(request, cycle, "clusters", error.messages)
        messages.success(request, _("Priority saved."))
        return _board(cycle, f"priority-{saved.code}")
    return render(request, "goals/cluster_summary.html", {**context, "form": form})


@require_http_methods(["GET", "POST"])
def priority_edit(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    priority = cycle_object(cycle, Priority, code)
    form = PriorityForm(request.POST if request.method == "POST" else None, instance=priority)
    notes = selectors.notes_of_cluster(cluster_id=priority.cluster_id)
    context = page_context(
        cycle, section="priorities", object=priority, notes=notes, label=_("Key SEL priority")
    )
    if request.method == "POST" and form.is_valid():
        saved = versioned_save(form=form)
        messages.success(request, _("Priority saved."))
        return _board(cycle, f"priority-{saved.code}")
    return render(request, "goals/priority_form.html", {**context, "form": form})


@require_http_methods(["GET", "POST"])
def priority_delete(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    priority = cycle_object(cycle, Priority, code)
    if selectors.goal_for_priority(priority=priority) is not None:
        messages.error(request, _("This priority has a SMARTIE goal; remove the goal first."))
        return _board(cycle, f"priority-{priority.code}")
    if request.method == "POST":
        try:
            services.priority_delete(priority=priority)
        except services.PriorityHasGoal as error:
            return _refused(request, cycle, f"priority-{priority.code}", error.messages)
        messages.success(request, _("Priority removed; its history is kept."))
        return _board(cycle, "priorities")
    context = page_context(cycle, section="priorities", priority=priority)
    return render(request, "goals/priority_delete.html", context)
