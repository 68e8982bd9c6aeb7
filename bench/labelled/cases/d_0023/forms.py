from django import forms


class AttachmentForm(forms.Form):
    folder = forms.CharField(max_length=100)
    document = forms.FileField()
