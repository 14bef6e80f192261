from django.urls import path

from . import views

app_name = "districts"

district = "d/<slug:district>/"
cycle = "d/<slug:district>/<slug:cycle>/"

urlpatterns = [
    path("", views.home, name="home"),
    path(district, views.cycles, name="cycles"),
    path(f"{district}cycles/new/", views.cycle_create, name="cycle_create"),
    path(f"{district}settings/", views.district_settings, name="settings"),
    path(f"{district}members/", views.members, name="members"),
    path(f"{district}members/invite/", views.member_invite, name="member_invite"),
    path(f"{district}members/<uuid:code>/role/", views.member_role, name="member_role"),
    path(f"{district}members/<uuid:code>/remove/", views.member_remove, name="member_remove"),
    path(
        f"{district}invitations/<uuid:code>/withdraw/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path(f"{district}schools/", views.schools, name="schools"),
    path(f"{district}schools/new/", views.school_edit, name="school_create"),
    path(f"{district}schools/<uuid:code>/", views.school_edit, name="school_edit"),
    path(f"{district}schools/<uuid:code>/delete/", views.school_delete, name="school_delete"),
    path(f"{district}schools/<uuid:code>/restore/", views.school_restore, name="school_restore"),
    path(f"{district}history/<slug:kind>/<uuid:code>/", views.history, name="history"),
    path(f"{district}audit/", views.audit_log, name="audit"),
    path(
        f"{district}history/<slug:kind>/<uuid:code>/<int:history_id>/restore/",
        views.history_restore_view,
        name="history_restore",
    ),
    path(cycle, views.dashboard, name="dashboard"),
    path(f"{cycle}edit/", views.cycle_edit, name="cycle_edit"),
    path(f"{cycle}tools/<slug:tool>/", views.tool_overview, name="tool_overview"),
]
