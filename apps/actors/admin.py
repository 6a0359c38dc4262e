"""Actors in the admin: edit canonical names and ISO codes, add aliases, merge duplicates and undo merges."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from apps.actors import services
from apps.actors.models import Actor, ActorAlias, ActorMerge, Mention
from apps.extraction.engine.normalize import normalize_alias
from apps.review.admin import history_timeline_html
from apps.review.registry import foreign_keys_to, reviewable_models
from apps.review.services import StaleObjectError

ACTOR_FIELDS = ("name", "kind", "country_code", "description", "wikidata_id")


class MergedFilter(admin.SimpleListFilter):
    title = "merged"
    parameter_name = "merged"

    def lookups(self, request, model_admin):
        return [("no", "Active actors"), ("yes", "Merged into another")]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(merged_into__isnull=True)
        if self.value() == "yes":
            return queryset.filter(merged_into__isnull=False)
        return queryset


class ActorForm(forms.ModelForm):
    new_aliases = forms.CharField(
        label="Add aliases",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text="One per line (e.g. “the Élysée”, “Macron”). The next extraction resolves them to this actor.",
    )
    note = forms.CharField(label="Note", required=False, widget=forms.TextInput(attrs={"size": 80}))
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Actor
        fields = [*ACTOR_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version
            self.fields["expected_version"].required = True

    def clean_country_code(self):
        return (self.cleaned_data.get("country_code") or "").upper()

    def clean(self):
        data = super().clean()
        if self.instance.pk and data.get("expected_version") not in (None, self.instance.version):
            raise ValidationError(
                f"This actor was changed by someone else while you were editing it (you loaded version "
                f"{data['expected_version']}, it is now version {self.instance.version}: "
                f"“{self.instance.name}”, code {self.instance.country_code or '—'}). Your changes were NOT saved; "
                "reload the page to see the current values."
            )
        return data


class AliasInline(admin.TabularInline):
    model = ActorAlias
    fields = ("alias", "source", "created_by", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False  # added through the "Add aliases" field, which calls actor_alias_add


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    form = ActorForm
    list_display = ("name", "kind", "country_code", "n_aliases", "merged_into", "origin")
    list_filter = (MergedFilter, "kind", "origin")
    search_fields = ("name", "country_code", "aliases__alias")
    list_select_related = ("merged_into",)
    show_full_result_count = False
    inlines = [AliasInline]
    actions = ["merge_selected"]
    readonly_fields = ("merged_into", "origin", "usage", "merges", "history_timeline")

    def get_fieldsets(self, request, obj=None):
        editable = [*ACTOR_FIELDS, "new_aliases", "note", "expected_version"]
        if obj is None:
            return [(None, {"fields": [*ACTOR_FIELDS, "new_aliases"]})]
        sets = [(None, {"fields": editable if self.has_change_permission(request, obj) else list(ACTOR_FIELDS)})]
        sets += [
            ("Where it appears", {"fields": ["usage", "merged_into", "origin"]}),
            ("Merges", {"fields": ["merges"]}),
            ("History", {"fields": ["history_timeline"]}),
        ]
        return sets

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        match = getattr(request, "resolver_match", None)
        if match and match.url_name == "actors_actor_changelist":
            qs = qs.annotate(alias_count=Count("aliases", distinct=True)).defer("description")
        return qs

    def get_search_results(self, request, queryset, search_term):
        qs, distinct = super().get_search_results(request, queryset, search_term)
        if request.path.endswith("/autocomplete/"):
            qs = qs.filter(merged_into__isnull=True)  # pick the kept actor, never a merged duplicate
        return qs, distinct

    def has_merge_permission(self, request):
        return request.user.has_perm("actors.merge_actor")

    @admin.display(description="aliases", ordering="alias_count")
    def n_aliases(self, obj):
        return getattr(obj, "alias_count", "—")

    @admin.display(description="usage")
    def usage(self, obj):
        if not obj.pk:
            return "—"
        parts = []
        rows: list[tuple[str, int, str | None]] = [("mentions", obj.mentions.count(), None)]
        # One count per reviewable kind's link to the actor (a claim's speaker, a commitment's actor), linked
        # to that kind's queue filtered on the actor.
        for model in reviewable_models():
            opts = model._meta
            for field in foreign_keys_to(model, Actor):
                url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") + f"?{field}={obj.pk}&status=all"
                rows.append((str(opts.verbose_name_plural), model.objects.filter(**{field: obj}).count(), url))
        for label, count, url in rows:
            parts.append(format_html('<a href="{}">{} {}</a>', url, count, label) if url else f"{count} {label}")
        return format_html_join(" · ", "{}", ((p,) for p in parts))

    @admin.display(description="merges")
    def merges(self, obj):
        if not obj.pk:
            return "—"
        rows = ActorMerge.objects.filter(kept=obj) | ActorMerge.objects.filter(merged=obj)
        rows = rows.select_related("kept", "merged", "created_by", "undone_by")
        if not rows:
            return "None."
        return format_html_join(
            "",
            '<div><a href="{}">{} → {}</a> by {} on {}{}</div>',
            (
                (
                    reverse("admin:actors_actormerge_change", args=[m.pk]),
                    m.merged,
                    m.kept,
                    m.created_by or "—",
                    m.created_at.strftime("%Y-%m-%d %H:%M"),
                    f" (undone by {m.undone_by} on {m.undone_at:%Y-%m-%d %H:%M})" if m.undone_at else "",
                )
                for m in rows
            ),
        )

    @admin.display(description="history")
    def history_timeline(self, obj):
        if not obj.pk:
            return "—"
        return history_timeline_html(obj, [*ACTOR_FIELDS, "merged_into"])

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if not change:
            actor = services.actor_create(editor=request.user, **{f: data.get(f) or "" for f in ACTOR_FIELDS})
            obj.pk = actor.pk
        else:
            changes = {f: data[f] for f in form.changed_data if f in ACTOR_FIELDS}
            if changes:
                services.actor_update(
                    actor=obj,
                    editor=request.user,
                    note=data.get("note", ""),
                    expected_version=data.get("expected_version"),
                    **changes,
                )
        for alias in (data.get("new_aliases") or "").splitlines():
            if alias.strip():
                try:
                    services.actor_alias_add(actor=obj, alias=alias, editor=request.user)
                except ValidationError as exc:
                    messages.warning(request, " ".join(exc.messages))
        obj.refresh_from_db()

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (StaleObjectError, ValidationError) as exc:
            text = exc.message if isinstance(exc, StaleObjectError) else " ".join(exc.messages)
            self.message_user(request, f"Not saved: {text}", messages.ERROR)
            return HttpResponseRedirect(request.path)

    @admin.action(description="Merge selected actors…", permissions=["merge"])
    def merge_selected(self, request, queryset):
        if not self.has_merge_permission(request):
            raise PermissionDenied
        actors = list(queryset.filter(merged_into__isnull=True).order_by("name")[:20])
        if len(actors) < 2:
            self.message_user(request, "Select at least two active actors to merge.", messages.WARNING)
            return None
        if request.POST.get("nr_confirm") == "yes":
            keep_id = request.POST.get("keep")
            kept = next((a for a in actors if str(a.pk) == keep_id), None)
            if kept is None:
                self.message_user(request, "Choose which actor to keep.", messages.ERROR)
                return None
            note = request.POST.get("note", "").strip()
            done = []
            for dup in actors:
                if dup.pk == kept.pk:
                    continue
                try:
                    merge = services.actor_merge(kept=kept, merged=dup, editor=request.user, note=note)
                except ValidationError as exc:
                    self.message_user(request, f"{dup} not merged: {' '.join(exc.messages)}", messages.ERROR)
                else:
                    done.append(merge)
                    skipped = merge.moved.get("skipped_commitments") or []
                    if skipped:
                        self.message_user(
                            request,
                            f"{len(skipped)} commitment(s) of {dup} duplicate one of {kept} and stayed on {dup}.",
                            messages.WARNING,
                        )
            if done:
                self.message_user(
                    request,
                    f"Merged {', '.join(str(m.merged) for m in done)} into {kept}. Undo from Actor merges if needed.",
                    messages.SUCCESS,
                )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge actors",
            "opts": self.model._meta,
            "actors": actors,
            "action": request.POST.get("action"),
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/actors/merge_confirm.html", context)


class ActorAliasForm(forms.ModelForm):
    class Meta:
        model = ActorAlias
        fields = ["alias", "actor"]

    def clean(self):
        data = super().clean()
        normalized = normalize_alias(data.get("alias") or "")
        if not normalized:
            self.add_error("alias", "An alias needs at least one letter or digit.")
            return data
        clash = ActorAlias.objects.filter(normalized=normalized).exclude(pk=self.instance.pk).select_related("actor")
        if clash:
            self.add_error("alias", f"Already an alias of {clash[0].actor} (as “{clash[0].alias}”).")
        return data


@admin.register(ActorAlias)
class ActorAliasAdmin(admin.ModelAdmin):
    form = ActorAliasForm
    list_display = ("alias", "actor", "source", "created_by", "created_at")
    list_filter = ("source", "actor__kind")
    search_fields = ("alias", "normalized", "actor__name")
    list_select_related = ("actor", "created_by")
    autocomplete_fields = ("actor",)
    fields = ("alias", "actor", "source", "created_by")
    readonly_fields = ("source", "created_by")
    show_full_result_count = False

    def save_model(self, request, obj, form, change):
        if change:
            services.actor_alias_update(
                alias=obj, editor=request.user, text=form.cleaned_data["alias"], actor=form.cleaned_data["actor"]
            )
            return
        obj.pk = services.actor_alias_add(actor=obj.actor, alias=obj.alias, editor=request.user).pk


@admin.register(ActorMerge)
class ActorMergeAdmin(admin.ModelAdmin):
    list_display = ("merged", "kept", "created_by", "created_at", "undone")
    list_select_related = ("merged", "kept", "created_by")
    search_fields = ("merged__name", "kept__name")
    actions = ["unmerge_selected"]
    readonly_fields = (
        "merged",
        "kept",
        "created_by",
        "created_at",
        "note",
        "moved_summary",
        "undone_at",
        "undone_by",
        "undo_note",
    )
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_merge_permission(self, request):
        return request.user.has_perm("actors.merge_actor")

    @admin.display(boolean=True)
    def undone(self, obj):
        return obj.undone_at is not None

    @admin.display(description="moved")
    def moved_summary(self, obj):
        return ", ".join(f"{len(v)} {k.replace('_', ' ')}" for k, v in (obj.moved or {}).items() if v) or "nothing"

    @admin.action(description="Undo selected merges", permissions=["merge"])
    def unmerge_selected(self, request, queryset):
        for merge in queryset:
            try:
                services.actor_unmerge(merge=merge, editor=request.user)
            except ValidationError as exc:
                self.message_user(request, f"{merge}: {' '.join(exc.messages)}", messages.ERROR)
            else:
                self.message_user(request, f"Undone: {merge}.", messages.SUCCESS)


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ("text", "actor", "article", "start", "end")
    list_select_related = ("actor", "article")
    search_fields = ("text", "actor__name")
    show_full_result_count = False
    raw_id_fields = ("actor", "article")

    def get_queryset(self, request):
        return super().get_queryset(request).defer("article__body")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
