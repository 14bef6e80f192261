from sel_planner.districts.editing import VersionedModelForm

from ..models import InventoryWorkspace
from ._common import TextBoxes


class WorkspaceForm(TextBoxes, VersionedModelForm):
    text_rows = 4

    class Meta:
        model = InventoryWorkspace
        fields = ["selection_note"]
