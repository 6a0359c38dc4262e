"""Articles in the admin: add by pasting text/HTML, uploading a file or giving a URL (article_ingest);
the change page shows the extraction status and the body with every extracted span highlighted."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from apps.actors.models import Actor, Mention
from apps.articles import services
from apps.articles.ingestion import InputError
from apps.articles.models import Article, Outlet
from apps.articles.services import DuplicateArticle
from apps.review.admin import Span, count_badge, highlight_body, status_badge
from apps.review.registry import foreign_keys_to, reviewable_models
from apps.review.statuses import ReviewStatus

ARTICLE_STATUS_CLASS = {
    Article.Status.QUEUED: "nr-badge nr-unreviewed",
    Article.Status.EXTRACTING: "nr-badge nr-disputed",
    Article.Status.EXTRACTED: "nr-badge nr-verified",
    Article.Status.FAILED: "nr-badge nr-false",
}


def _count_name(model) -> str:
    return f"n_unreviewed_{model._meta.model_name}"


def _unreviewed(model):
    rows = (
        model.objects.filter(article=OuterRef("pk"), review_status=ReviewStatus.UNREVIEWED)
        .order_by()
        .values("article")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ("name", "domain")
    search_fields = ("name", "domain")


class ArticleAddForm(forms.ModelForm):
    """Paste text or HTML, upload a file, or give a URL; article_ingest does the rest."""

    text = forms.CharField(label="Text or HTML", required=False, widget=forms.Textarea(attrs={"rows": 14, "cols": 100}))
    upload = forms.FileField(label="…or a file", required=False, help_text="Plain text or HTML.")
    source_url = forms.URLField(label="…or a URL", required=False, assume_scheme="https")

    class Meta:
        model = Article
        fields = ["title", "outlet", "published_at"]

    user = None

    def clean(self):
        data = super().clean()
        if self.errors:
            return data  # fix the other fields first; nothing is stored until the form is valid
        given = [k for k in ("text", "upload", "source_url") if data.get(k)]
        if len(given) != 1:
            raise ValidationError("Give exactly one of: the text, a file, or a URL.")
        upload = data.get("upload")
        try:
            # Ingesting here (inside the admin's transaction) lets its errors show on the form; the extraction
            # is only queued when the transaction commits.
            self.article = services.article_ingest(
                text=data.get("text") or None,
                raw=upload.read() if upload else None,
                filename=upload.name if upload else "",
                url=data.get("source_url") or None,
                title=data.get("title") or "",
                outlet=data.get("outlet"),
                published_at=data.get("published_at"),
                created_by=self.user,
            )
        except DuplicateArticle as exc:
            url = reverse("admin:articles_article_change", args=[exc.article.pk])
            raise ValidationError(format_html('Already stored: <a href="{}">{}</a>.', url, exc.article)) from exc
        except InputError as exc:
            raise ValidationError(f"Cannot use this input: {exc}") from exc
        return data


class ArticleChangeForm(forms.ModelForm):
    url = forms.URLField(label="URL", required=False, max_length=2000, assume_scheme="https")

    class Meta:
        model = Article
        fields = ["title", "outlet", "published_at", "url", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6, "cols": 100})}

    def clean_url(self):
        return self.cleaned_data.get("url") or None

    def clean_body(self):
        return self.cleaned_data["body"].replace("\r\n", "\n")


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("title", "outlet", "published_at", "status_badge", "created_at")
    list_filter = ("status", "outlet", "source", ("published_at", admin.DateFieldListFilter))
    search_fields = ("title", "url")
    list_select_related = ("outlet",)
    show_full_result_count = False
    list_per_page = 50
    autocomplete_fields = ("outlet",)
    actions = ["reextract_selected"]
    readonly_fields = (
        "status_badge",
        "progress",
        "failure_reason",
        "extracted_at",
        "extractor_version",
        "tracking_status",
        "tracked_at",
        "last_error",
        "source",
        "source_name",
        "language",
        "created_by",
        "extracted_rows",
        "highlighted_body",
    )

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs.update(form=ArticleAddForm, fields=None)
            form = super().get_form(request, obj, change=change, **kwargs)
            return type("ArticleAddForm", (form,), {"user": request.user})
        kwargs["form"] = ArticleChangeForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [
                ("Article", {"fields": ["text", "upload", "source_url"]}),
                ("About it", {"fields": ["title", "outlet", "published_at"]}),
            ]
        return [
            (None, {"fields": ["title", "outlet", "published_at", "url"]}),
            (
                "Extraction",
                {
                    "fields": [
                        "progress",
                        "failure_reason",
                        "extracted_at",
                        "extractor_version",
                        ("tracking_status", "tracked_at"),
                        "last_error",
                        "language",
                        "source",
                        "source_name",
                        "created_by",
                    ]
                },
            ),
            ("What the machine found", {"fields": ["extracted_rows"]}),
            ("Text, with every span highlighted", {"fields": ["highlighted_body"]}),
            (
                "Edit the text (queues a new extraction; reviewed items are kept)",
                {"fields": ["body"], "classes": ["collapse"]},
            ),
        ]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        match = getattr(request, "resolver_match", None)
        if match and match.url_name == "articles_article_changelist":
            qs = qs.defer("body").annotate(**{_count_name(m): _unreviewed(m) for m in reviewable_models()})
        return qs

    def get_list_display(self, request):
        # One "unreviewed" count column per reviewable kind, before the creation date.
        *head, created = self.list_display
        return [*head, *(self._count_column(m) for m in reviewable_models()), created]

    def get_urls(self):
        return [
            path("<int:pk>/body/", self.admin_site.admin_view(self.body_view), name="articles_article_body"),
            *super().get_urls(),
        ]

    def body_view(self, request, pk):
        """The body as JSON, for the span picker on the add-claim/quote/commitment pages."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        article = get_object_or_404(Article, pk=pk)
        return JsonResponse({"id": article.pk, "title": str(article), "body": article.body})

    def save_model(self, request, obj, form, change):
        if not change:
            article = form.article
            obj.pk = article.pk
            obj.body = article.body
            return
        if "body" in form.changed_data:
            new_body = obj.body
            obj.body = Article.objects.values_list("body", flat=True).get(pk=obj.pk)
            fields = [f for f in form.changed_data if f != "body"]
            if fields:
                obj.save(update_fields=[*fields, "updated_at"])
            try:
                services.article_update_body(article=obj, body=new_body, editor=request.user)
            except (InputError, DuplicateArticle) as exc:
                messages.error(request, f"The text was not changed: {exc}")
            return
        super().save_model(request, obj, form, change)

    # The change page refreshes itself while the extraction is not finished (the add returns at once and
    # lands there; a background worker does the extraction).
    change_form_template = "admin/articles/article/change_form.html"
    REFRESH_SECONDS = 2

    def response_add(self, request, obj, post_url_continue=None):
        """After an add, the new article's page (its progress), not the list."""
        other = "_addanother" in request.POST or "_popup" in request.POST
        if other or not self.has_view_or_change_permission(request, obj):
            return super().response_add(request, obj, post_url_continue)
        self.message_user(request, f"“{obj}” was added; its extraction is under way.", messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        status = Article.objects.filter(pk=object_id).values_list("status", flat=True).first()
        in_progress = status in (Article.Status.QUEUED, Article.Status.EXTRACTING)
        extra = {"nr_refresh_seconds": self.REFRESH_SECONDS if in_progress else None, **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra_context=extra)

    @admin.display(description="extraction")
    def progress(self, obj):
        """Where the extraction is: queued, extracting, extracted (with what was found) or failed (why)."""
        badge = self.status_badge(obj)
        if obj.status == Article.Status.QUEUED:
            note = "waiting for the background worker; this page refreshes itself"
        elif obj.status == Article.Status.EXTRACTING:
            note = "the machine is reading the article; this page refreshes itself"
        elif obj.status == Article.Status.FAILED:
            note = obj.failure_reason or "failed"
        else:
            found = [
                f"{len(items)} {m._meta.verbose_name if len(items) == 1 else m._meta.verbose_name_plural}"
                for m, items in self._rows(obj).values()
            ]
            note = ", ".join(found) + " found"
        return format_html('<span class="nr-progress" data-status="{}">{} {}</span>', obj.status, badge, note)

    @admin.display(description="status", ordering="status")
    def status_badge(self, obj):
        return format_html(
            '<span class="{}">{}</span>', ARTICLE_STATUS_CLASS.get(obj.status, "nr-badge"), obj.get_status_display()
        )

    @staticmethod
    def _count_column(model):
        opts = model._meta

        @admin.display(description=f"unreviewed {opts.verbose_name_plural}", ordering=_count_name(model))
        def column(obj):
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") + f"?article={obj.pk}"
            return count_badge(getattr(obj, _count_name(model), None), url=url)

        column.__name__ = _count_name(model)
        return column

    def _rows(self, obj):
        """Every reviewable item of the article, by kind (model_name): one query per kind."""
        if not hasattr(obj, "_nr_rows"):
            obj._nr_rows = {
                model._meta.model_name: (
                    model,
                    list(
                        model.objects.filter(article=obj)
                        .select_related(*foreign_keys_to(model, Actor))
                        .defer("machine_candidate")
                        .order_by("start")
                    ),
                )
                for model in reviewable_models()
            }
        return obj._nr_rows

    @admin.display(description="items")
    def extracted_rows(self, obj):
        rows = self._rows(obj)
        out = []
        for kind, (model, items) in rows.items():
            add_url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add") + f"?article={obj.pk}"
            list_url = (
                reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
                + f"?article={obj.pk}&status=all"
            )
            lines = format_html_join(
                "",
                '<tr><td><span class="nr-hl nr-hl-{}">{}</span></td><td><a href="{}">{}</a></td><td>{}</td></tr>',
                (
                    (
                        kind,
                        kind,
                        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[i.pk]),
                        str(i)[:120],
                        status_badge(i.review_status),
                    )
                    for i in items
                ),
            )
            out.append(
                format_html(
                    '<h4 class="nr-rows-title">{} {} · <a href="{}">open in the queue</a> · '
                    '<a href="{}">add a {} the machine missed</a></h4><table class="nr-rows">{}</table>',
                    len(items),
                    model._meta.verbose_name_plural,
                    list_url,
                    add_url,
                    kind,
                    lines,
                )
            )
        return format_html_join("", "{}", ((o,) for o in out))

    @admin.display(description="text")
    def highlighted_body(self, obj):
        rows = self._rows(obj)
        spans = []
        for kind, (model, items) in rows.items():
            for i in items:
                url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[i.pk])
                spans.append(Span(i.start, i.end, kind, f"{i.get_review_status_display()}: {str(i)[:80]}", url))
        for m in Mention.objects.filter(article=obj).select_related("actor"):
            spans.append(Span(m.start, m.end, "mention", str(m.actor)))
        legend = format_html(
            '<p class="nr-legend">{}</p>',
            format_html_join(
                " ",
                '<span class="nr-hl nr-hl-{}">{}</span>',
                ((k, k) for k in (*rows, "mention")),
            ),
        )
        return format_html("{}{}", legend, highlight_body(obj.body, spans))

    @admin.action(description="Re-extract selected articles (editors' work is kept)", permissions=["change"])
    def reextract_selected(self, request, queryset):
        n = 0
        for article in queryset.defer("body"):
            services.article_requeue(article=article)
            n += 1
        self.message_user(request, f"Queued {n} article(s) for extraction.", messages.SUCCESS)
