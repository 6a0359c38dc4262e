"""The review controls added to an item's form: a note, what to do after saving, and the version the
editor loaded (optimistic locking: a stale form is refused with what changed and who changed it)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from apps.review.history import stale_message
from apps.review.statuses import Action, ReviewStatus


class ReviewForm(forms.ModelForm):
    """Adds the review controls to an item's form: an optional note, what to do after saving, and the
    version the editor loaded (optimistic locking)."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    review_action = forms.ChoiceField(
        label="Then",
        required=False,
        widget=forms.RadioSelect,
        choices=[("", "Keep the status")],
        help_text="Corrections you make above are saved first, then this status is applied.",
    )
    note = forms.CharField(
        label="Note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 80}),
        help_text="Why: your source, what you checked. Kept in the item's history.",
    )

    can_reopen = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Keep the status")] + [
            (a.value, a.label) for a in Action if a != Action.REOPEN or self.can_reopen
        ]
        self.fields["review_action"].choices = choices
        if "text" in self.fields and not self.instance.pk:
            self.fields["text"].required = False
            self.fields["text"].help_text = "Leave empty to use the selected words."
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version
            self.fields["expected_version"].required = True
        for name, value in list(self.initial.items()):
            if isinstance(value, Decimal):
                self.initial[name] = format(value.normalize(), "f")  # 27, not 27.000000

    _stale = False

    def _post_clean(self):
        if self._stale:
            return  # keep the instance as stored, so the page shows the current values next to the error
        super()._post_clean()

    def clean(self):
        data = super().clean()
        if self.instance.pk and data.get("expected_version") is not None:
            if data["expected_version"] != self.instance.version:
                self._stale = True
                raise ValidationError(stale_message(self.instance, data["expected_version"]), code="stale")
        if not self.instance.pk and data.get("article") is not None:
            body = data["article"].body
            start, end = data.get("start"), data.get("end")
            if start is not None and end is not None:
                if not (0 <= start < end <= len(body)):
                    raise ValidationError(
                        f"The evidence span {start}–{end} is not inside the article text (0–{len(body)}): "
                        "select the words in the article again."
                    )
                if "text" in self.fields and not data.get("text"):
                    data["text"] = body[start:end]
        if data.get("review_action") == Action.REOPEN and self.instance.pk:
            if self.instance.review_status == ReviewStatus.UNREVIEWED:
                self.add_error("review_action", "This item is already unreviewed.")
        return data
