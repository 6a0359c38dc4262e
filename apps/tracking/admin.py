"""Editors' side of tracking: initiative queue and tracker, commitment links, claim matches and groups,
findings. Every change goes through a service."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.dateformat import format as format_date
from django.utils.html import format_html, format_html_join

from apps.actors.models import Actor
from apps.claims.models import Claim
from apps.review.admin import score_column
from apps.review.statuses import ReviewStatus

from . import services
from .ledger import STANCE_LABELS
from .models import ClaimGroup, ClaimGroupMember, ClaimMatch, CommitmentInitiative, Finding, Initiative, LinkStatus
from .selectors import actor_stance_history, initiative_ledger
from .services.findings import finding_recorded_since
from .timeline import build_timeline


class CommitmentLinkInline(admin.TabularInline):
    model = CommitmentInitiative
    fields = ["commitment", "actor", "stance", "score_shown", "status", "decided_by"]
    readonly_fields = ["commitment", "actor", "stance", "score_shown", "status", "decided_by"]
    score_shown = score_column()
    extra = 0
    can_delete = False
    show_change_link = True
    max_num = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("commitment__actor", "commitment__article", "decided_by")

    @admin.display(description="actor")
    def actor(self, obj):
        return obj.commitment.actor

    @admin.display(description="stance")
    def stance(self, obj):
        return obj.commitment.get_stance_display()


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "origin", "suggested", "confirmed", "tracker_links", "updated_at"]
    list_filter = ["status", "origin"]
    search_fields = ["name", "aliases", "description"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["origin", "created_by", "created_at", "updated_at"]
    inlines = [CommitmentLinkInline]
    actions = ["accept_initiatives"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_suggested=Count("commitment_links", filter=Q(commitment_links__status=LinkStatus.SUGGESTED)),
                n_confirmed=Count("commitment_links", filter=Q(commitment_links__status=LinkStatus.CONFIRMED)),
            )
        )

    @admin.display(description="suggested", ordering="n_suggested")
    def suggested(self, obj):
        return obj.n_suggested

    @admin.display(description="confirmed", ordering="n_confirmed")
    def confirmed(self, obj):
        return obj.n_confirmed

    @admin.display(description="tracker")
    def tracker_links(self, obj):
        public = (
            format_html(' · <a href="{}">public page</a>', reverse("tracking:tracker", args=[obj.slug]))
            if obj.is_public
            else ""
        )
        return format_html(
            '<a href="{}">editors\' tracker</a>{}', reverse("admin:tracking_initiative_tracker", args=[obj.pk]), public
        )

    def save_model(self, request, obj, form, change):
        if not change:
            created = services.initiative_create(
                name=obj.name,
                slug=obj.slug,
                description=obj.description,
                aliases=obj.aliases,
                status=obj.status,
                created_by=request.user,
            )
            obj.pk, obj.created_at, obj.updated_at = created.pk, created.created_at, created.updated_at
            return
        super().save_model(request, obj, form, change)

    @admin.action(description="Accept the selected proposals (make them public)")
    def accept_initiatives(self, request, queryset):
        for initiative in queryset:
            services.initiative_accept(initiative=initiative, editor=request.user)
        self.message_user(request, f"{queryset.count()} initiative(s) accepted.", messages.SUCCESS)

    def get_urls(self):
        extra = [
            path(
                "<int:pk>/tracker/", self.admin_site.admin_view(self.tracker_view), name="tracking_initiative_tracker"
            ),
            path(
                "actor/<int:actor_id>/stances/",
                self.admin_site.admin_view(self.actor_stances_view),
                name="tracking_actor_stances",
            ),
        ]
        return extra + super().get_urls()

    def tracker_view(self, request, pk: int):
        if not self.has_view_permission(request):
            raise PermissionDenied
        initiative = get_object_or_404(Initiative, pk=pk)
        ledger = initiative_ledger(initiative=initiative, published_only=False)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Tracker: {initiative.name}",
            "opts": self.model._meta,
            "initiative": initiative,
            "ledger": ledger,
            "by_stance": list(ledger.by_stance().items()),
            "timeline": build_timeline(ledger),
            "findings": initiative.findings.order_by("review_status", "-id"),
            "editor": True,
            "actor_url": "admin:tracking_actor_stances",
        }
        return TemplateResponse(request, "admin/tracking/tracker.html", context)

    def actor_stances_view(self, request, actor_id: int):
        if not self.has_view_permission(request):
            raise PermissionDenied
        actor = get_object_or_404(Actor, pk=actor_id)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Stances of {actor.canonical().name} across initiatives",
            "opts": self.model._meta,
            "actor": actor.canonical(),
            "histories": actor_stance_history(actor=actor, published_only=False),
        }
        return TemplateResponse(request, "admin/tracking/actor_stances.html", context)


class MoveForm(forms.Form):
    initiative = forms.ModelChoiceField(
        queryset=Initiative.objects.all(), required=False, help_text="Move to this initiative…"
    )
    new_name = forms.CharField(required=False, max_length=200, help_text="…or create an initiative with this name.")

    def clean(self):
        data = super().clean()
        if not data.get("initiative") and not data.get("new_name"):
            raise forms.ValidationError("Pick an initiative or give a name for a new one.")
        return data


@admin.register(CommitmentInitiative)
class CommitmentInitiativeAdmin(admin.ModelAdmin):
    list_display = ["commitment_text", "actor", "stance", "initiative", "score_shown", "status", "decided_by"]
    list_filter = ["status", "initiative", "commitment__stance"]
    search_fields = ["commitment__action", "commitment__actor__name", "initiative__name"]
    list_select_related = ["commitment__actor", "initiative", "decided_by"]
    raw_id_fields = ["commitment"]
    readonly_fields = ["score_shown", "decided_by", "decided_at", "created_at", "updated_at"]
    fields = ["commitment", "initiative", "status", "score_shown", "decided_by", "decided_at"]
    score_shown = score_column()
    actions = ["confirm_links", "reject_links", "move_links"]
    show_full_result_count = False

    @admin.display(description="commitment")
    def commitment_text(self, obj):
        return obj.commitment.action[:80]

    @admin.display(description="actor", ordering="commitment__actor__name")
    def actor(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:tracking_actor_stances", args=[obj.commitment.actor_id]),
            obj.commitment.actor,
        )

    @admin.display(description="stance")
    def stance(self, obj):
        return obj.commitment.get_stance_display()

    def save_model(self, request, obj, form, change):
        if not change or "initiative" in form.changed_data:
            link = services.commitment_initiative_move(
                commitment=obj.commitment, initiative=obj.initiative, editor=request.user
            )
            obj.pk = link.pk
        elif "status" in form.changed_data:
            if obj.status == LinkStatus.CONFIRMED:
                services.commitment_initiative_confirm(link=obj, editor=request.user)
            elif obj.status == LinkStatus.REJECTED:
                services.commitment_initiative_reject(link=obj, editor=request.user)
            else:
                super().save_model(request, obj, form, change)

    @admin.action(description="Confirm the suggested initiative")
    def confirm_links(self, request, queryset):
        for link in queryset:
            services.commitment_initiative_confirm(link=link, editor=request.user)
        self.message_user(request, f"{queryset.count()} link(s) confirmed.", messages.SUCCESS)

    @admin.action(description="Reject: not part of this initiative")
    def reject_links(self, request, queryset):
        for link in queryset:
            services.commitment_initiative_reject(link=link, editor=request.user)
        self.message_user(request, f"{queryset.count()} link(s) rejected.", messages.SUCCESS)

    @admin.action(description="Move to another initiative (or a new one)…")
    def move_links(self, request, queryset):
        form = MoveForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            initiative = form.cleaned_data["initiative"] or services.initiative_create(
                name=form.cleaned_data["new_name"], created_by=request.user
            )
            for link in queryset.select_related("commitment"):
                services.commitment_initiative_move(
                    commitment=link.commitment, initiative=initiative, editor=request.user
                )
            self.message_user(request, f"{queryset.count()} commitment(s) moved to “{initiative}”.", messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Move commitments to another initiative",
            "opts": self.model._meta,
            "links": queryset.select_related("commitment__actor", "initiative"),
            "form": form,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/tracking/move_links.html", context)


@admin.register(ClaimMatch)
class ClaimMatchAdmin(admin.ModelAdmin):
    list_display = ["pair", "score_shown", "status", "features", "decided_by"]
    list_filter = ["status"]
    list_select_related = ["claim", "candidate", "decided_by"]
    raw_id_fields = ["claim", "candidate"]
    readonly_fields = ["claim", "candidate", "score_shown", "features", "status", "decided_by", "decided_at"]
    exclude = ["score"]  # shown read-only, to two decimals
    score_shown = score_column()
    actions = ["confirm_matches", "reject_matches"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    @admin.display(description="claims")
    def pair(self, obj):
        return format_html("“{}”<br>“{}”", obj.claim.text[:120], obj.candidate.text[:120])

    @admin.action(description="Confirm: the same claim (group them)")
    def confirm_matches(self, request, queryset):
        for match in queryset.select_related("claim", "candidate"):
            services.claim_match_confirm(match=match, editor=request.user)
        self.message_user(request, f"{queryset.count()} match(es) confirmed.", messages.SUCCESS)

    @admin.action(description="Reject: different claims")
    def reject_matches(self, request, queryset):
        for match in queryset.select_related("claim", "candidate"):
            services.claim_match_reject(match=match, editor=request.user)
        self.message_user(request, f"{queryset.count()} match(es) rejected.", messages.SUCCESS)


class MemberInline(admin.TabularInline):
    model = ClaimGroupMember
    fields = ["claim", "review_status", "outlet", "origin", "apply_verdict"]
    readonly_fields = ["claim", "review_status", "outlet", "origin", "apply_verdict"]
    extra = 0
    max_num = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("claim__article__outlet")

    @admin.display(description="review status")
    def review_status(self, obj):
        return obj.claim.get_review_status_display()

    @admin.display(description="outlet")
    def outlet(self, obj):
        return obj.claim.article.outlet or "—"

    @admin.display(description="")
    def apply_verdict(self, obj):
        if obj.claim.review_status in services.TRANSFERABLE_VERDICTS:
            url = reverse("admin:tracking_claimgroup_apply_verdict", args=[obj.group_id, obj.claim_id])
            return format_html('<a class="button" href="{}">Apply this verdict to the rest…</a>', url)
        return ""


class PendingVerdictFilter(admin.SimpleListFilter):
    title = "verdict to propagate"
    parameter_name = "pending_verdict"

    def lookups(self, request, model_admin):
        return [("yes", "Some members reviewed, others not")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return (
                queryset.filter(members__claim__review_status__in=services.TRANSFERABLE_VERDICTS)
                .filter(members__claim__review_status=ReviewStatus.UNREVIEWED)
                .distinct()
            )
        return queryset


@admin.register(ClaimGroup)
class ClaimGroupAdmin(admin.ModelAdmin):
    list_display = ["label", "size", "created_at"]
    list_filter = [PendingVerdictFilter]
    search_fields = ["label"]
    inlines = [MemberInline]
    readonly_fields = ["created_at", "updated_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_members=Count("members"))

    @admin.display(description="claims", ordering="n_members")
    def size(self, obj):
        return obj.n_members

    def get_urls(self):
        return [
            path(
                "<int:pk>/apply-verdict/<int:claim_id>/",
                self.admin_site.admin_view(self.apply_verdict_view),
                name="tracking_claimgroup_apply_verdict",
            ),
        ] + super().get_urls()

    def apply_verdict_view(self, request, pk: int, claim_id: int):
        if not self.has_change_permission(request) or not request.user.has_perm("claims.change_claim"):
            raise PermissionDenied
        group = get_object_or_404(ClaimGroup, pk=pk)
        source = get_object_or_404(Claim.objects.select_related("article"), pk=claim_id, group_membership__group=group)
        targets = services.claim_group_verdict_targets(group=group, source_claim=source)
        if request.method == "POST":
            chosen = [c for c in targets if str(c.pk) in request.POST.getlist("claims")]
            try:
                changed = services.claim_group_apply_verdict(
                    group=group,
                    source_claim=source,
                    editor=request.user,
                    claims=chosen,
                    note=request.POST.get("note", ""),
                )
            except services.VerdictError as exc:
                self.message_user(request, str(exc), messages.ERROR)
            else:
                self.message_user(
                    request,
                    f"Verdict “{source.get_review_status_display()}” applied to {len(changed)} claim(s).",
                    messages.SUCCESS,
                )
            return redirect("admin:tracking_claimgroup_change", group.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": "Apply a verdict to the rest of the group",
            "opts": self.model._meta,
            "group": group,
            "source": source,
            "targets": targets,
            "transferable": source.review_status in services.TRANSFERABLE_VERDICTS,
        }
        return TemplateResponse(request, "admin/tracking/apply_verdict.html", context)


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    list_display = ["summary_short", "kind", "initiative", "review_status", "reviewed_by", "created_at"]
    list_filter = ["review_status", "kind", "initiative"]
    search_fields = ["summary", "review_note"]
    list_select_related = ["initiative", "reviewed_by"]
    readonly_fields = [
        "key",
        "kind",
        "initiative",
        "claim",
        "related_claim",
        "actor",
        "commitment",
        "related_commitment",
        "details",
        "recorded_since",
        "reviewed_by",
        "reviewed_at",
        "created_at",
        "updated_at",
    ]
    fields = ["summary", "review_status", "review_note", *readonly_fields]
    actions = ["publish_findings", "dismiss_findings"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    @admin.display(description="finding")
    def summary_short(self, obj):
        return obj.summary[:160]

    # Only on the change page (not in list_display): it reads the finding's initiative's ledger, two queries.
    @admin.display(description="Recorded since")
    def recorded_since(self, obj):
        """Who the ledger records with a count gap's stance since its claim's date (not stored: it changes with
        every new report). Editors see the ledger the finding was computed from, unpublished statements too."""
        entries = finding_recorded_since(obj, published_only=False) if obj is not None else []
        if not entries:
            return "—"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{} ({} since {})</li>",
                (
                    (
                        e.actor.name,
                        STANCE_LABELS.get(e.stance, e.stance).lower(),
                        format_date(e.periods[-1][1], "j M Y"),
                    )
                    for e in entries
                ),
            ),
        )

    def save_model(self, request, obj, form, change):
        if {"review_status", "summary", "review_note"} & set(form.changed_data):
            services.finding_review(
                finding=obj, editor=request.user, status=obj.review_status, note=obj.review_note, summary=obj.summary
            )
        else:
            super().save_model(request, obj, form, change)

    @admin.action(description="Publish (verified)")
    def publish_findings(self, request, queryset):
        for finding in queryset:
            services.finding_review(finding=finding, editor=request.user, status=ReviewStatus.VERIFIED)
        self.message_user(request, f"{queryset.count()} finding(s) published.", messages.SUCCESS)

    @admin.action(description="Dismiss")
    def dismiss_findings(self, request, queryset):
        for finding in queryset:
            services.finding_review(finding=finding, editor=request.user, status=ReviewStatus.DISMISSED)
        self.message_user(request, f"{queryset.count()} finding(s) dismissed.", messages.SUCCESS)
