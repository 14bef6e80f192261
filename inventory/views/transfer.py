"""Exporting the inventory and build-on tables, and importing the inventory with a preview."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from sel_planner.districts.access import Need, access_cycle
from sel_planner.districts.pages import page_context

from .. import tables
from ..forms.transfer import ImportForm
from ..services import import_preview_create, import_preview_of
from ._common import to

TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@require_GET
def export(request, district, cycle, table, fmt):
    cycle = access_cycle(request.user, district, cycle)
    if fmt not in TYPES or table not in ("inventory", "build-on"):
        raise Http404
    if table == "inventory":
        headers, rows = tables.inventory_headers(), tables.inventory_rows(cycle=cycle)
    else:
        headers, rows = tables.BUILD_ON_HEADERS, tables.build_on_table(cycle=cycle)
    body = (
        tables.as_csv(headers, rows) if fmt == "csv" else tables.as_xlsx(headers, rows, title=table)
    )
    response = HttpResponse(body, content_type=TYPES[fmt])
    filename = f"{table}-{cycle.district.slug}-{cycle.slug}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "POST"])
def import_upload(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            rows = tables.parse_upload(form.cleaned_data["file"])
            checked = tables.check_rows(cycle=cycle, rows=rows)
        except tables.ImportRefused as refused:
            form.add_error("file", str(refused))
        else:
            import_preview_create(cycle=cycle, user=request.user, checked=checked)
            return to("import_preview", cycle)
    return render(
        request,
        "inventory/import_upload.html",
        page_context(
            cycle,
            section="table",
            form=form,
            headers=tables.inventory_headers(),
            max_rows=tables.MAX_ROWS,
            max_kb=tables.MAX_BYTES // 1000,
        ),
    )


@require_http_methods(["GET", "POST"])
def import_preview(request, district, cycle):
    cycle = access_cycle(request.user, district, cycle, need=Need.EDIT)
    stored = import_preview_of(cycle=cycle, user=request.user)
    if stored is None:
        messages.info(request, _("Upload a file to import first."))
        return to("import_upload", cycle)
    valid = [row for row in stored.rows if not row["errors"]]
    invalid = len(stored.rows) - len(valid)
    if request.method == "POST":
        if request.POST.get("id") != str(stored.code):
            messages.error(request, _("This preview was replaced by a newer upload."))
        elif request.POST.get("cancel"):
            stored.delete()
            messages.info(request, _("Nothing was imported."))
            return to("import_upload", cycle)
        elif invalid and not request.POST.get("only_valid"):
            refused = _(
                "Nothing was imported: correct the rows with errors, or tick “import only the "
                "valid rows”."
            )
            messages.error(request, refused)
        else:
            created, updated = tables.import_rows(cycle=cycle, preview=stored, rows=valid)
            imported = _("Imported %(created)d new programs and updated %(updated)d.")
            messages.success(request, imported % {"created": created, "updated": updated})
            return to("table", cycle)
    return render(
        request,
        "inventory/import_preview.html",
        page_context(
            cycle,
            section="table",
            stored=stored,
            valid=len(valid),
            invalid=invalid,
            columns=[tables.column_label(c) for c in stored.columns],
        ),
    )
