from django import forms
from django.utils.translation import gettext_lazy as _

from sel_planner.districts.editing import VersionedModelForm
from sel_planner.districts.text import Form, ModelForm

from ..models import Cluster, Note, Priority
from ..services_priorities import cluster_name


class NoteForm(ModelForm):
    class Meta:
        model = Note
        fields = ["text"]
        labels = {"text": _("Big idea")}
        error_messages = {
            "text": {
                "required": _("Write the big idea first."),
                "max_length": _(
                    "Keep the big idea to %(limit_value)d characters or fewer (it has "
                    "%(show_value)d)."
                ),
            }
        }


class ClusterChoiceField(forms.ModelChoiceField):
    """A cluster of the cycle, chosen by its code so that no database id leaves the server."""

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="code", **kwargs)

    def label_from_instance(self, obj):
        return cluster_name(obj)


class NoteMoveForm(Form):
    cluster = ClusterChoiceField(
        Cluster.objects.none(),
        label=_("Move to"),
        required=False,
        empty_label=_("No cluster"),
        error_messages={"invalid_choice": _("Choose one of this cycle's clusters.")},
    )

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = Cluster.objects.filter(cycle=cycle)


class ClusterForm(ModelForm):
    class Meta:
        model = Cluster
        fields = ["label"]
        labels = {"label": _("Label of the new cluster (optional)")}


class ClusterMergeForm(Form):
    target = ClusterChoiceField(
        Cluster.objects.none(),
        label=_("Merge into"),
        error_messages={
            "required": _("Choose the cluster to merge into."),
            "invalid_choice": _("Choose another cluster of this cycle to merge into."),
        },
    )

    def __init__(self, *args, source, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = Cluster.objects.filter(cycle_id=source.cycle_id).exclude(
            pk=source.pk
        )


class SummaryForm(VersionedModelForm):
    """The phrase that summarises one cluster: its key SEL priority."""

    class Meta:
        model = Priority
        fields = ["phrase"]
        labels = {"phrase": _("Key SEL priority")}
        help_texts = {
            "phrase": _(
                "One phrase, for example “Prepare all students to be civically engaged community "
                "members.”"
            )
        }
        widgets = {"phrase": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            "phrase": {"required": _("Write the phrase that summarises this cluster.")}
        }


class PriorityForm(VersionedModelForm):
    class Meta:
        model = Priority
        fields = ["phrase", "description"]
        labels = {"phrase": _("Key SEL priority")}
        widgets = {
            "phrase": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 5}),
        }
        error_messages = {"phrase": {"required": _("Write the key SEL priority first.")}}
