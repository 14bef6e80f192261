from ..models import InventoryWorkspace
from ._common import TextBoxesForm


class WorkspaceForm(TextBoxesForm):
    text_rows = 4

    class Meta:
        model = InventoryWorkspace
        fields = ["selection_note"]
