from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from sel_planner.districts.views import healthz

admin.site.site_header = _("SEL Planner administration")
admin.site.site_title = _("SEL Planner administration")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("sel_planner.accounts.urls")),
    path("d/<slug:district>/<slug:cycle>/vision/", include("vision.urls")),
    path("d/<slug:district>/<slug:cycle>/goals/", include("goals.urls")),
    path("d/<slug:district>/<slug:cycle>/rubric/", include("rubric.urls")),
    path("d/<slug:district>/<slug:cycle>/inventory/", include("inventory.urls")),
    path("d/<slug:district>/<slug:cycle>/reports/", include("sel_planner.reports.urls")),
    path("d/<slug:district>/<slug:cycle>/roadmap/", include("roadmap.urls")),
    path("d/<slug:district>/<slug:cycle>/actionplan/", include("actionplan.urls")),
    path("", include("vision.public_urls")),
    path("", include("inventory.public_urls")),
    path("", include("sel_planner.reports.public_urls")),
    path("", include("sel_planner.districts.urls")),
]

handler400 = "sel_planner.errors.bad_request"
handler403 = "sel_planner.errors.permission_denied"
handler404 = "sel_planner.errors.page_not_found"
handler500 = "sel_planner.errors.server_error"
