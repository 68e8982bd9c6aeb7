from django import forms
from django.utils.text import slugify


class SnapshotForm(forms.Form):
    label = forms.CharField(max_length=64)
    include_media = forms.BooleanField(required=False)

    def clean_label(self):
        return slugify(self.cleaned_data["label"]) or "snapshot"
