from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sel_planner.districts.access import Need, access_cycle
from sel_planner.districts.editing import StaleEdit, versioned_save
from sel_planner.districts.pages import cycle_object, need_for, page_context

from .. import protocol, selectors, services
from ..forms.interviews import InterviewForm, MentionAddForm, MentionForm, MentionMatchForm
from ..models import Interview
from ._common import to

PAGE_SIZE = 25


def mention_prefix(mention) -> str:
    return f"m{mention.code.hex[:12]}"


def _mention_form(data, cycle, mention):
    prefix = mention_prefix(mention)
    return MentionForm(data, instance=mention, prefix=prefix, district_name=cycle.district.name)


@require_GET
def interviews(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle)
    records = selectors.interviews_for_cycle(cycle=cycle)
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    context = page_context(cycle, section="people", page=page)
    return render(request, "inventory/interviews.html", context)


@require_POST
def interview_new(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    interview = services.interview_create(cycle=cycle, interviewer=request.user)
    return to("interview", cycle, code=interview.code)


def _protocol_context(cycle, interview):
    interviewer = interview.interviewer.display_name if interview.interviewer_id else "…"
    if interview.interviewer_role:
        interviewer = f"{interviewer}, {interview.interviewer_role}"
    names = {"district": cycle.district.name, "interviewer": interviewer}
    return {
        "opening": protocol.OPENING % names,
        "closing": protocol.CLOSING % names,
        "q1_note": protocol.Q1_NOTE,
        "q2_variant": protocol.Q2_VARIANTS.get(interview.respondent_type, ""),
        "q2_variants": protocol.Q2_VARIANTS,
        "per_program": protocol.PER_PROGRAM,
        "q8_condition": protocol.Q8_CONDITION,
        "q9_note": protocol.Q9_NOTE,
    }


def _interview_page(request, cycle, interview, form):
    mentions = list(interview.mentions.select_related("program"))
    # One query for the program choices of every mention's match form and the add form.
    programs = list(cycle.inventory_program_set.all())
    rows = [
        (m, _mention_form(None, cycle, m), MentionMatchForm(cycle=cycle, programs=programs))
        for m in mentions
    ]
    context = page_context(
        cycle,
        section="people",
        interview=interview,
        form=form,
        mentions=rows,
        add_form=MentionAddForm(cycle=cycle, programs=programs),
        **_protocol_context(cycle, interview),
    )
    return render(request, "inventory/interview.html", context)


@require_http_methods(["GET", "POST"])
def interview(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=need_for(request))
    record = cycle_object(cycle, Interview, code)
    form = InterviewForm(request.POST or None, instance=record, cycle=cycle)
    if request.method == "POST" and form.is_valid():
        versioned_save(form=form)
        messages.success(request, _("Interview notes saved."))
        return to("interview", cycle, code=record.code)
    return _interview_page(request, cycle, record, form)


def _saved_fragment(request, *, version_id: str, version: int | None, error: str = ""):
    return render(
        request,
        "inventory/_autosave.html",
        {
            "version_id": version_id,
            "version_name": version_id.removeprefix("id_"),
            "version": version,
            "error": error,
            "at": time_format(timezone.localtime(), "TIME_FORMAT"),
        },
    )


def _autosave(request, form, *, version_id: str):
    if not form.is_valid():
        first = next(iter(form.errors.values()))[0]
        return _saved_fragment(request, version_id=version_id, version=None, error=first)
    try:
        saved = versioned_save(form=form)
    except StaleEdit:  # the autosave's own conflict fragment, for htmx and plain posts alike
        error = _("Someone else changed these notes. Press Save to see both versions.")
        return _saved_fragment(request, version_id=version_id, version=None, error=error)
    return _saved_fragment(request, version_id=version_id, version=saved.version)


@require_POST
def interview_autosave(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    record = cycle_object(cycle, Interview, code)
    form = InterviewForm(request.POST, instance=record, cycle=cycle)
    return _autosave(request, form, version_id="id_version")


@require_POST
def interview_finish(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    record = cycle_object(cycle, Interview, code)
    services.interview_finish(interview=record)
    messages.success(request, _("Interview marked done; its answers fill the table's empty cells."))
    return to("interview", cycle, code=record.code)


@require_http_methods(["GET", "POST"])
def interview_delete(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    record = cycle_object(cycle, Interview, code)
    if request.method == "POST":
        record.delete()
        messages.success(request, _("The interview notes were removed."))
        return to("interviews", cycle)
    return render(
        request,
        "inventory/interview_delete.html",
        page_context(cycle, section="people", interview=record, mentions=record.mentions.count()),
    )


@require_POST
def mention_add(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    record = cycle_object(cycle, Interview, code)
    form = MentionAddForm(request.POST, cycle=cycle)
    if form.is_valid():
        mention = services.mention_add(
            interview=record, name=form.cleaned_data["name"], program=form.cleaned_data["program"]
        )
        assert mention.program is not None  # linked to the chosen program or a new one
        matched = _("“%(name)s” is matched to the inventory program “%(program)s”.")
        messages.success(request, matched % {"name": mention.name, "program": mention.program.name})
    else:
        # An ErrorList item reads as its message; django-stubs types it as the stored error.
        messages.error(request, next(iter(form.errors.values()))[0])  # type: ignore[arg-type]
    return to("interview", cycle, code=record.code)


def _mention(cycle, code):
    return cycle_object(cycle, cycle.inventory_mention_set.select_related("interview"), code)


@require_http_methods(["GET", "POST"])
def mention_edit(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    mention = _mention(cycle, code)
    form = _mention_form(request.POST or None, cycle, mention)
    context = page_context(
        cycle, section="people", mention=mention, **_protocol_context(cycle, mention.interview)
    )
    if request.method == "POST" and form.is_valid():
        versioned_save(form=form)
        messages.success(request, _("Notes on “%(name)s” saved.") % {"name": mention.name})
        return to("interview", cycle, code=mention.interview.code)
    return render(request, "inventory/mention_form.html", {**context, "form": form})


@require_POST
def mention_autosave(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    mention = _mention(cycle, code)
    form = _mention_form(request.POST, cycle, mention)
    return _autosave(request, form, version_id=f"id_{form.prefix}-version")


@require_POST
def mention_match(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    mention = _mention(cycle, code)
    form = MentionMatchForm(request.POST, cycle=cycle)
    if form.is_valid():
        chosen = form.cleaned_data["program"]
        if chosen is None and mention.program_id is not None:
            chosen = services.program_create(cycle=cycle, name=_unique_name(cycle, mention.name))
        program = services.mention_link(mention=mention, program=chosen)
        messages.success(request, _("Matched to “%(program)s”.") % {"program": program.name})
    else:
        # An ErrorList item reads as its message; django-stubs types it as the stored error.
        messages.error(request, next(iter(form.errors.values()))[0])  # type: ignore[arg-type]
    return to("interview", cycle, code=mention.interview.code)


def _unique_name(cycle, name):
    """A name for a new program that does not clash with the one the mention already points to."""
    candidate, number = name, 2
    while services.program_match(cycle=cycle, name=candidate) is not None:
        candidate, number = f"{name} ({number})", number + 1
    return candidate


@require_POST
def mention_delete(request, district, cycle, code):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    mention = _mention(cycle, code)
    mention.delete()
    messages.success(request, _("The program was taken off this interview."))
    return to("interview", cycle, code=mention.interview.code)
