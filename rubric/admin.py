from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sel_planner.districts.text import ModelForm

from .models import Assessment, Framework, Item


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    """Rubric texts are reference data loaded by migrations: readable here, never edited."""

    form = ModelForm

    list_display = ["title", "edition", "is_current"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Item)
class ItemAdmin(FrameworkAdmin):
    list_display = ["code", "title", "focus_area"]
    list_filter = ["focus_area__framework"]


@admin.register(Assessment)
class AssessmentAdmin(SimpleHistoryAdmin):
    form = ModelForm
    list_display = ["title", "cycle", "status", "opens_on", "closes_on"]
    list_filter = ["status", "kind"]
    readonly_fields = ["framework", "closed_at", "closed_by"]
