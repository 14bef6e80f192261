from sel_planner.districts.editing import VersionedModelForm
from sel_planner.districts.forms import TextBoxes

from ..models import InventoryWorkspace


class WorkspaceForm(TextBoxes, VersionedModelForm):
    text_rows = 4

    class Meta:
        model = InventoryWorkspace
        fields = ["selection_note"]
