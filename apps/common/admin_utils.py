"""Admin building blocks shared by the claims, quotes and commitments review queues.

Rendering helpers (status badges, evidence with the span highlighted, the article body with every span
highlighted by type, the history timeline, the "machine said ... corrected to ..." summary), list filters,
and ``ReviewableAdmin``: the queue/changelist, the change form with optimistic locking, and the bulk review
actions with a confirmation page. Everything that writes calls a service in apps.common.review or
apps.<app>.services.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from apps.common.models import Origin, ReviewStatus
from apps.common.review import (
    ACTION_STATUS,
    Action,
    StaleObjectError,
    can_reopen,
    can_review,
    correctable_fields,
    corrected_fields,
    is_corrected,
    machine_value,
    review_bulk,
    stale_message,
)

# --- small renderers -------------------------------------------------------------------------------

STATUS_CLASS = {
    ReviewStatus.UNREVIEWED: "nr-badge nr-unreviewed",
    ReviewStatus.VERIFIED: "nr-badge nr-verified",
    ReviewStatus.CORRECTED: "nr-badge nr-corrected",
    ReviewStatus.DISPUTED: "nr-badge nr-disputed",
    ReviewStatus.FALSE: "nr-badge nr-false",
    ReviewStatus.DISMISSED: "nr-badge nr-dismissed",
}


def status_badge(status: str, *, corrected: bool = False) -> SafeString:
    label = ReviewStatus(status).label if status in ReviewStatus.values else status
    badge = format_html('<span class="{}">{}</span>', STATUS_CLASS.get(status, "nr-badge"), label)
    if corrected and status != ReviewStatus.CORRECTED:
        badge = format_html(
            '{} <span class="nr-badge nr-corrected" title="An editor changed its values">corrected</span>', badge
        )
    return badge


def count_badge(n: int | None, *, url: str = "") -> SafeString:
    n = n or 0
    cls = "nr-count nr-count-zero" if n == 0 else "nr-count"
    if url and n:
        return format_html('<a class="{}" href="{}">{}</a>', cls, url, n)
    return format_html('<span class="{}">{}</span>', cls, n)


_PARA = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*\s+")
CONTEXT_MAX = 900
BULK_MAX = 500  # items per bulk confirmation page


def evidence_bounds(body: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph around [start, end), or the sentences around it when the paragraph is very long."""
    para_start = max((m.end() for m in _PARA.finditer(body, 0, start)), default=0)
    m = _PARA.search(body, end)
    para_end = m.start() if m else len(body)
    if para_end - para_start <= CONTEXT_MAX:
        return para_start, para_end
    window_start = max(para_start, start - 300)
    ends = [mm.end() for mm in _SENTENCE_END.finditer(body, window_start, start)]
    s = ends[-1] if ends else window_start
    mm = _SENTENCE_END.search(body, end, min(para_end, end + 300))
    e = mm.end() if mm else min(para_end, end + 300)
    return s, e


def evidence_html(body: str, start: int, end: int, *, kind: str = "claim") -> SafeString:
    """The evidence in its context, the span itself in a <mark>."""
    if not body or start >= len(body):
        return mark_safe('<em class="nr-muted">The span is outside the article body.</em>')  # noqa: S308
    s, e = evidence_bounds(body, start, end)
    return format_html(
        '<div class="nr-evidence">{}{}<mark class="nr-hl nr-hl-{}">{}</mark>{}{}</div>',
        "… " if s > 0 else "",
        body[s:start],
        kind,
        body[start:end],
        body[end:e],
        " …" if e < len(body) else "",
    )


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str  # claim, quote, commitment, mention
    label: str = ""
    url: str = ""


def highlight_body(body: str, spans: Iterable[Span]) -> SafeString:
    """The whole body with every span highlighted by type. Overlapping spans are handled by cutting the text
    at every span boundary and giving each piece the classes of all spans covering it."""
    spans = [s for s in spans if 0 <= s.start < s.end <= len(body)]
    cuts = sorted({0, len(body), *(s.start for s in spans), *(s.end for s in spans)})
    parts = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = [s for s in spans if s.start <= a and b <= s.end]
        text = escape(body[a:b])
        if not covering:
            parts.append(text)
            continue
        kinds = sorted({s.kind for s in covering})
        title = "; ".join(dict.fromkeys(f"{s.kind}: {s.label}" if s.label else s.kind for s in covering))
        classes = " ".join(["nr-hl", *(f"nr-hl-{k}" for k in kinds)])
        url = next((s.url for s in covering if s.url), "")
        if url:
            parts.append(f'<a href="{escape(url)}" class="{classes}" title="{escape(title)}">{text}</a>')
        else:
            parts.append(f'<span class="{classes}" title="{escape(title)}">{text}</span>')
    return mark_safe('<div class="nr-body">' + "".join(parts) + "</div>")  # noqa: S308 - every piece escaped


# --- history timeline and corrections -------------------------------------------------------------

TRACKED_EXTRA = ("review_status", "review_note", "origin", "start", "end")


def _value_label(model: type[models.Model], field: str, value: Any, names: dict[tuple[type, Any], str]) -> str:
    f = model._meta.get_field(field)
    if value in (None, ""):
        return "—"
    if f.is_relation:
        return names.get((f.related_model, value), f"#{value}")
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if hasattr(value, "normalize"):
        return format(value.normalize(), "f")
    return str(value)


@dataclass
class TimelineEntry:
    when: Any
    who: str
    reason: str
    kind: str
    changes: list[tuple[str, str, str]]
    note: str
    version: int
    status: str


def history_entries(obj: models.Model, fields: Sequence[str] | None = None) -> list[TimelineEntry]:
    """Oldest first: who, when, why (change reason), what changed (field, old, new), the note."""
    model = type(obj)
    fields = list(fields if fields is not None else (*correctable_fields(obj), *TRACKED_EXTRA))
    fields = [f for f in fields if _has_field(model, f)]
    records = list(obj.history.select_related("history_user").order_by("history_date", "history_id"))  # type: ignore[attr-defined]
    names = _related_names(model, fields, records)
    entries, prev = [], None
    for rec in records:
        changes = []
        for field in fields:
            f = model._meta.get_field(field)
            new = getattr(rec, f.attname)
            old = getattr(prev, f.attname) if prev is not None else None
            if prev is None or old != new:
                if prev is None and new in (None, ""):
                    continue
                if field == "review_note":
                    continue  # shown as the note
                changes.append(
                    (
                        str(f.verbose_name),
                        "" if prev is None else _value_label(model, field, old, names),
                        _value_label(model, field, new, names),
                    )
                )
        note = getattr(rec, "review_note", "") or ""
        if prev is not None and note == (getattr(prev, "review_note", "") or ""):
            note = ""
        kind = {"+": "created", "~": "changed", "-": "deleted"}.get(rec.history_type, rec.history_type)
        entries.append(
            TimelineEntry(
                when=rec.history_date,
                who=rec.history_user.get_username() if rec.history_user else "machine",
                reason=rec.history_change_reason or "",
                kind=kind,
                changes=changes,
                note=note,
                version=getattr(rec, "version", 0),
                status=getattr(rec, "review_status", ""),
            )
        )
        prev = rec
    return entries


def _has_field(model: type[models.Model], name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def _related_names(model, fields, records) -> dict[tuple[type, Any], str]:
    """One query per related model for every id appearing in the history."""
    names: dict[tuple[type, Any], str] = {}
    for field in fields:
        f = model._meta.get_field(field)
        if not f.is_relation:
            continue
        ids = {getattr(r, f.attname) for r in records} - {None}
        if ids:
            for o in f.related_model._default_manager.filter(pk__in=ids):
                names[(f.related_model, o.pk)] = str(o)
    return names


def history_timeline_html(obj: models.Model, fields: Sequence[str] | None = None) -> SafeString:
    entries = history_entries(obj, fields)
    if not entries:
        return mark_safe('<p class="nr-muted">No history yet.</p>')  # noqa: S308
    items = []
    for e in reversed(entries):
        changes = format_html_join(
            "",
            '<li><strong>{}</strong>: <span class="nr-old">{}</span> → <span class="nr-new">{}</span></li>',
            ((name, old or "∅", new) for name, old, new in e.changes),
        )
        if e.kind == "created":
            changes = format_html_join(
                "", "<li><strong>{}</strong>: {}</li>", ((name, new) for name, _old, new in e.changes)
            )
        items.append(
            format_html(
                '<li class="nr-tl-item"><div class="nr-tl-head"><time>{}</time> · <strong>{}</strong> · {}{}'
                '<span class="nr-muted"> (version {})</span></div>{}{}</li>',
                timezone.localtime(e.when).strftime("%Y-%m-%d %H:%M"),
                e.who,
                e.reason or e.kind,
                format_html(" · {}", status_badge(e.status)) if e.status else "",
                e.version,
                format_html('<ul class="nr-tl-changes">{}</ul>', changes) if e.changes else "",
                format_html('<div class="nr-tl-note">Note: {}</div>', e.note) if e.note else "",
            )
        )
    return format_html('<ol class="nr-timeline">{}</ol>', mark_safe("".join(items)))  # noqa: S308


def correction_lines(obj: models.Model, groups: Sequence[tuple[str, Sequence[str]]] | None = None) -> list[SafeString]:
    """ "machine said 26 countries; corrected to 27 countries by editor1 on 2026-11-23 15:40, note: ..." """
    changed = set(corrected_fields(obj))  # type: ignore[arg-type]
    if not changed:
        return []
    groups = groups or [(f, [f]) for f in correctable_fields(obj)]
    entries = history_entries(obj, [f for _, fs in groups for f in fs])
    mv = obj.machine_values or {}  # type: ignore[attr-defined]
    model = type(obj)
    lines = []
    for label, fields in groups:
        if not changed & set(fields):
            continue

        def render(values: dict[str, Any], fields=fields) -> str:
            out = []
            for f in fields:
                fo = model._meta.get_field(f)
                v = values.get(f)
                if fo.is_relation:
                    out.append(str(v) if v else "—")
                elif v not in (None, ""):
                    out.append(_value_label(model, f, v, {}))
            return " ".join(out) or "—"

        machine = {}
        current = {}
        for f in fields:
            fo = model._meta.get_field(f)
            current[f] = getattr(obj, f)
            if fo.is_relation:
                pk = machine_value(obj, f)
                if pk == getattr(obj, fo.attname):
                    machine[f] = current[f]
                else:
                    machine[f] = mv.get(f"{f}_name") or fo.related_model._default_manager.filter(pk=pk).first()
            else:
                machine[f] = machine_value(obj, f)
        verbose = {str(model._meta.get_field(f).verbose_name) for f in fields}
        last = next(
            (e for e in reversed(entries) if any(c[0] in verbose for c in e.changes) and e.kind != "created"), None
        )
        who = f" by {last.who} on {timezone.localtime(last.when).strftime('%Y-%m-%d %H:%M')}" if last else ""
        note = f", note: {last.note}" if last and last.note else ""
        lines.append(
            format_html(
                '<div class="nr-correction"><strong>{}</strong>: machine said <span class="nr-old">{}</span>; '
                'corrected to <span class="nr-new">{}</span>{}{}</div>',
                label,
                render(machine),
                render(current),
                who,
                note,
            )
        )
    return lines


# --- list filters ----------------------------------------------------------------------------------


class ReviewStatusFilter(admin.SimpleListFilter):
    """Review status, defaulting to the queue of unreviewed items ("All" is an explicit choice)."""

    title = "review status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*ReviewStatus.choices, ("published", "Published (verified or corrected)"), ("all", "All")]

    def value(self):
        return super().value() or ReviewStatus.UNREVIEWED

    def queryset(self, request, queryset):
        value = self.value()
        if value == "all":
            return queryset
        if value == "published":
            return queryset.published()
        return queryset.filter(review_status=value)

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == str(lookup),
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


class InputFilter(admin.SimpleListFilter):
    """A free-text filter (no query to build its choices, unlike a related-field filter on a big table)."""

    template = "admin/nr_input_filter.html"
    lookup_fields: tuple[str, ...] = ()
    id_field = ""

    def lookups(self, request, model_admin):
        return [("", "")]

    def has_output(self):
        return True

    def choices(self, changelist):
        # The template needs the other parameters to keep them in the form.
        yield {
            "value": self.value() or "",
            "parameter_name": self.parameter_name,
            "other_params": {k: v for k, v in changelist.get_filters_params().items() if k != self.parameter_name},
            "clear_query_string": changelist.get_query_string(remove=[self.parameter_name]),
        }

    def queryset(self, request, queryset):
        # NUL can't be stored in PostgreSQL text, so it can't be searched for either: drop it.
        value = (self.value() or "").replace("\x00", "").strip()
        if not value:
            return queryset
        if self.id_field and value.isdigit() and len(value) <= 18:
            return queryset.filter(**{self.id_field: int(value)})
        q = models.Q()
        for f in self.lookup_fields:
            q |= models.Q(**{f"{f}__icontains": value})
        return queryset.filter(q)


class ArticleInputFilter(InputFilter):
    title = "article (id or title)"
    parameter_name = "article"
    id_field = "article_id"
    lookup_fields = ("article__title",)


def actor_input_filter(field: str, title: str = "actor (id or name)") -> type[InputFilter]:
    return type(
        f"{field.title()}InputFilter",
        (InputFilter,),
        {"title": title, "parameter_name": field, "id_field": f"{field}_id", "lookup_fields": (f"{field}__name",)},
    )


# --- the review queue admin ------------------------------------------------------------------------


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


def article_filters(date_field: str = "article__published_at") -> tuple:
    """The queue filters every reviewable kind shares: article, outlet and a date."""
    return (
        ArticleInputFilter,
        ("article__outlet", admin.RelatedFieldListFilter),
        (date_field, admin.DateFieldListFilter),
    )


class ReviewableAdmin(admin.ModelAdmin):
    """Changelist as a review queue plus the review form. Subclasses say which services to call."""

    form = ReviewForm
    list_per_page = 50
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER  # facet counts are one COUNT per filter choice: too dear on big tables
    # Heavy columns a queue page never needs.
    list_defer: tuple[str, ...] = ("machine_candidate", "review_note", "article__body")
    evidence_kind = "claim"
    actions = ["verify_selected", "dispute_selected", "mark_false_selected", "dismiss_selected", "reopen_selected"]
    correction_groups: Sequence[tuple[str, Sequence[str]]] | None = None
    add_fields: Sequence[str] = ()
    # The change page: evidence, then ``content_fieldset`` (title, fields an editor corrects), the review
    # form, the history timeline and the collapsed ``detail_fields``.
    content_fieldset: tuple[str, Sequence[Any]] = ("Item", ())
    detail_fields: Sequence[str] = ("origin", "start", "end", "machine_candidate_display")
    readonly_fields: Sequence[str] = (
        "evidence",
        "corrections",
        "review_state",
        "history_timeline",
        "origin",
        "start",
        "end",
        "machine_candidate_display",
    )

    class Media:
        js = ["common/admin/span-picker.js"]

    # --- services: subclasses implement these three ---
    def service_correct(self, *, obj, editor, changes, note, expected_version):  # pragma: no cover - abstract
        raise NotImplementedError

    def service_add(self, *, editor, data, note):  # pragma: no cover - abstract
        raise NotImplementedError

    def service_review(self, *, obj, action, editor, note, expected_version):  # pragma: no cover - abstract
        raise NotImplementedError

    # --- permissions ---
    def has_review_permission(self, request, obj=None):
        return can_review(request.user, self.model)

    def has_reopen_permission(self, request, obj=None):
        return can_reopen(request.user, self.model)

    def has_change_permission(self, request, obj=None):
        # Saving the form corrects or reviews: both need the review permission too.
        return super().has_change_permission(request, obj) and self.has_review_permission(request)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and self.has_review_permission(request)

    # --- queryset ---
    def get_queryset(self, request):
        qs = super().get_queryset(request)
        match = getattr(request, "resolver_match", None)
        if match and match.url_name and match.url_name.endswith("changelist"):
            qs = qs.defer(*self.list_defer)
        return qs

    def changelist_view(self, request, extra_context=None):
        extra = {"title": f"{self.model._meta.verbose_name_plural.capitalize()}: review queue", **(extra_context or {})}
        return super().changelist_view(request, extra)

    # --- columns ---
    @admin.display(description="status", ordering="review_status")
    def status(self, obj):
        return status_badge(
            obj.review_status, corrected=bool(obj.review_status != ReviewStatus.CORRECTED and _cheap_corrected(obj))
        )

    @admin.display(description="article", ordering="article__title")
    def article_link(self, obj):
        url = reverse("admin:articles_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a>', url, obj.article)

    @admin.display(description="outlet", ordering="article__outlet__name")
    def outlet(self, obj):
        return obj.article.outlet or "—"

    @admin.display(description="published", ordering="article__published_at")
    def published(self, obj):
        return obj.article.published_at.date() if obj.article.published_at else "—"

    @admin.display(description="evidence")
    def evidence(self, obj):
        if not obj.pk:
            return "—"
        url = reverse("admin:articles_article_change", args=[obj.article_id])
        return format_html(
            '{}<p class="nr-evidence-link">From <a href="{}">{}</a>{} · characters {}–{}</p>',
            evidence_html(obj.article.body, obj.start, obj.end, kind=self.evidence_kind),
            url,
            obj.article,
            f" ({obj.article.outlet})" if obj.article.outlet_id else "",
            obj.start,
            obj.end,
        )

    @admin.display(description="review")
    def review_state(self, obj):
        if not obj.pk:
            return "—"
        by = ""
        if obj.reviewed_by_id:
            by = format_html(
                " by {} on {}", obj.reviewed_by, timezone.localtime(obj.reviewed_at).strftime("%Y-%m-%d %H:%M")
            )
        note = format_html('<div class="nr-tl-note">Note: {}</div>', obj.review_note) if obj.review_note else ""
        origin = "added by an editor" if obj.origin == Origin.EDITOR else "found by the machine"
        return format_html(
            '{}{} <span class="nr-muted">({}, version {})</span>{}',
            status_badge(obj.review_status, corrected=is_corrected(obj)),
            by,
            origin,
            obj.version,
            note,
        )

    @admin.display(description="corrections")
    def corrections(self, obj):
        if not obj.pk:
            return "—"
        lines = correction_lines(obj, self.correction_groups)
        return mark_safe("".join(lines)) if lines else "No corrections: the values are the machine's."  # noqa: S308

    @admin.display(description="history")
    def history_timeline(self, obj):
        if not obj.pk:
            return "—"
        return history_timeline_html(obj)

    @admin.display(description="later machine proposal")
    def machine_candidate_display(self, obj):
        if not obj.machine_candidate:
            return "—"
        return format_html(
            '<p class="nr-muted">A later machine run proposed this; the item itself was left as the editors made it.'
            '</p><table class="nr-rows">{}</table>',
            format_html_join("", "<tr><th>{}</th><td>{}</td></tr>", sorted(obj.machine_candidate.items())),
        )

    # --- form ---
    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"can_reopen": self.has_reopen_permission(request)})

    def get_fields(self, request, obj=None):
        if obj is None:
            return [*self.add_fields, "note"]
        return super().get_fields(request, obj)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [
                (
                    "Evidence: select the words in the article, then press “Use selection”",
                    {"fields": ["span_picker"], "classes": ["nr-picker-set"]},
                ),
                (None, {"fields": [*self.add_fields, "note"]}),
            ]
        title, fields = self.content_fieldset
        sets = [
            ("Evidence", {"fields": ["evidence", "corrections", "review_state"]}),
            (title, {"fields": list(fields)}),
        ]
        if self.has_change_permission(request, obj):
            sets.append(("Review", {"fields": ["review_action", "note", "expected_version"]}))
        sets += [
            ("History", {"fields": ["history_timeline"]}),
            ("Details", {"fields": list(self.detail_fields), "classes": ["collapse"]}),
        ]
        return sets

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ["span_picker"]
        return super().get_readonly_fields(request, obj)

    @admin.display(description="article text")
    def span_picker(self, obj):
        return mark_safe(  # noqa: S308 - static markup, filled by span-picker.js
            '<div id="nr-span-picker" data-body-url="'
            + escape(reverse("admin:articles_article_changelist"))
            + '"><p class="nr-muted">Choose the article first; its text appears here.</p>'
            '<div id="nr-picker-body" class="nr-body"></div>'
            '<p><button type="button" class="button" id="nr-use-selection">Use selection as evidence</button> '
            '<span id="nr-picker-status" class="nr-muted"></span></p></div>'
        )

    def save_model(self, request, obj, form, change):
        note = form.cleaned_data.get("note", "")
        if not change:
            data = {f: form.cleaned_data.get(f) for f in self.add_fields}
            new = self.service_add(editor=request.user, data=data, note=note)
            obj.pk = new.pk
            obj.version = new.version
            return
        expected = form.cleaned_data.get("expected_version")
        changes = {f: form.cleaned_data[f] for f in form.changed_data if f in correctable_fields(obj)}
        action = form.cleaned_data.get("review_action")
        current = type(obj)._default_manager.get(pk=obj.pk)
        if changes:
            current = self.service_correct(
                obj=current, editor=request.user, changes=changes, note=note, expected_version=expected
            )
            expected = current.version
        if action:
            current = self.service_review(
                obj=current, action=action, editor=request.user, note=note, expected_version=expected
            )
        if not changes and not action and note:
            messages.warning(request, "Nothing changed, so the note was not recorded: choose what to do with the item.")
        obj.refresh_from_db()

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleObjectError as exc:
            # Lost a race between the form's check and the locked save: refuse, explain, reload.
            self.message_user(request, exc.message, messages.ERROR)
            return HttpResponseRedirect(request.path)
        except ValidationError as exc:
            self.message_user(request, "Not saved: " + " ".join(exc.messages), messages.ERROR)
            return HttpResponseRedirect(request.path)

    # --- bulk actions with a confirmation page and a note ---
    def _bulk(self, request, queryset, action: str):
        perm = "reopen" if action == Action.REOPEN else "review"
        if not getattr(self, f"has_{perm}_permission")(request):
            raise PermissionDenied
        if request.POST.get("nr_confirm") == "yes":
            versions = {}
            for key, value in request.POST.items():
                if key.startswith("version_") and value.isdigit():
                    versions[int(key.removeprefix("version_"))] = int(value)
            items = list(queryset.order_by("pk"))
            result = review_bulk(
                items=items,
                action=action,
                editor=request.user,
                note=request.POST.get("note", "").strip(),
                expected_versions=versions,
            )
            label = Action(action).label.lower()
            if result.changed:
                self.message_user(request, f"{label.capitalize()}: {len(result.changed)} item(s).", messages.SUCCESS)
            for item, why in result.skipped:
                self.message_user(request, f"Skipped “{item}”: {why}.", messages.WARNING)
            return None
        total = queryset.count()
        items = list(queryset.select_related("article").defer("article__body")[:BULK_MAX])
        context = {
            **self.admin_site.each_context(request),
            "title": f"{Action(action).label}: {len(items)} {self.model._meta.verbose_name_plural}",
            "opts": self.model._meta,
            "items": items,
            "total": total,
            "action": request.POST.get("action"),
            "action_label": Action(action).label,
            "target_status": ACTION_STATUS[action],
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "select_across": request.POST.get("select_across", "0"),
            "media": self.media,
        }
        return TemplateResponse(request, "admin/nr_review_confirm.html", context)

    @admin.action(description="Verify selected items", permissions=["review"])
    def verify_selected(self, request, queryset):
        return self._bulk(request, queryset, Action.VERIFY)

    @admin.action(description="Dispute selected items", permissions=["review"])
    def dispute_selected(self, request, queryset):
        return self._bulk(request, queryset, Action.DISPUTE)

    @admin.action(description="Mark selected items false", permissions=["review"])
    def mark_false_selected(self, request, queryset):
        return self._bulk(request, queryset, Action.MARK_FALSE)

    @admin.action(description="Dismiss selected items", permissions=["review"])
    def dismiss_selected(self, request, queryset):
        return self._bulk(request, queryset, Action.DISMISS)

    @admin.action(description="Reopen selected items (back to unreviewed)", permissions=["reopen"])
    def reopen_selected(self, request, queryset):
        return self._bulk(request, queryset, Action.REOPEN)


def _cheap_corrected(obj) -> bool:
    """is_corrected() without touching deferred columns (machine_values is deferred on list pages)."""
    if "machine_values" in obj.get_deferred_fields():
        return False
    return is_corrected(obj)
