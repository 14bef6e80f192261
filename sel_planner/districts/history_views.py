"""A tool's history page and restore action for its records, looked up by kind and code.

Each tool names its tracked models by a URL `kind` and gets the two views behind
`history/<kind>/<code>/` and `history/<kind>/<code>/<history_id>/restore/`::

    history, history_restore_view = cycle_history_views(
        namespace="roadmap", kinds=HISTORY_KINDS, template="roadmap/history.html",
        page_context=page_context,
    )

Anyone who can read the cycle sees the history; a lead restores, while the cycle is open.
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .access import Need, access_cycle, is_lead
from .history import history_page, history_restore, restore_link, restore_refused
from .pages import cycle_object

__all__ = ["cycle_history_views", "restore_refused"]


def cycle_history_views(
    *,
    namespace: str,
    kinds: dict,
    template: str,
    page_context: Callable,
    visible: Callable | None = None,
    restorable: Callable[[str], bool] | None = None,
    annotate: Callable | None = None,
    after_restore: Callable | None = None,
):
    """The (history, history_restore_view) pair of a tool.

    visible(request, kind, obj): whether this user may see the record at all (404 if not).
    restorable(kind): whether versions of this kind can be restored (default: all).
    annotate(page, cycle=, obj=): adds names to the page's rows before it is shown.
    after_restore(obj=, restored=, history_id=): restores what the version row cannot hold.
    """

    def record(request, cycle, kind, code):
        model = kinds.get(kind)
        if model is None:
            raise Http404
        obj = cycle_object(cycle, model, code)
        if visible is not None and not visible(request, kind, obj):
            raise Http404
        return obj

    def can_restore(kind) -> bool:
        return restorable is None or restorable(kind)

    @require_GET
    def history(request, district, cycle, kind, code):
        cycle = access_cycle(request.user, district, cycle)
        obj = record(request, cycle, kind, code)
        restore = None
        if is_lead(cycle) and not cycle.is_closed and can_restore(kind):
            kwargs = {"district": district, "cycle": cycle.slug, "kind": kind, "code": code}
            restore = restore_link(f"{namespace}:history_restore", **kwargs)
        page = history_page(obj, page_number=request.GET.get("page"), restore_url=restore)
        if annotate is not None:
            annotate(page, cycle=cycle, obj=obj)
        return render(request, template, page_context(cycle, object=obj, page=page))

    @require_POST
    def history_restore_view(request, district, cycle, kind, code, history_id):
        cycle = access_cycle(request.user, district, cycle, need=Need.LEAD)
        obj = record(request, cycle, kind, code)
        if not can_restore(kind) or not obj.history.filter(history_id=history_id).exists():
            raise Http404
        try:
            restored = history_restore(obj=obj, history_id=history_id)
        except ValidationError as refused:
            restore_refused(request, refused)
        else:
            if after_restore is not None:
                after_restore(obj=obj, restored=restored, history_id=history_id)
            messages.success(request, _("The earlier version was restored."))
        return redirect(
            f"{namespace}:history", district=district, cycle=cycle.slug, kind=kind, code=code
        )

    return history, history_restore_view
