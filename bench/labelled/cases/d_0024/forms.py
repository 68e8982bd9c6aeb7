from django import forms


class AttachmentForm(forms.Form):
    folder = forms.UUIDField()
    document = forms.FileField()
