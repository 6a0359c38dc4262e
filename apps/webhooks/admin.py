from django import forms
from django.contrib import admin
from django.utils.html import format_html

from .models import Delivery, Subscription


class SubscriptionForm(forms.ModelForm):
    url = forms.URLField(
        max_length=2000, assume_scheme="https", help_text=Subscription._meta.get_field("url").help_text
    )

    class Meta:
        model = Subscription
        fields = ["name", "url", "active", "on_published", "on_corrected", "on_retracted", "secret"]


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    form = SubscriptionForm
    list_display = ("name", "url", "active", "on_published", "on_corrected", "on_retracted", "deliveries_link")
    list_filter = ("active",)
    search_fields = ("name", "url")
    fieldsets = (
        (None, {"fields": ("name", "url", "active")}),
        ("Events", {"fields": ("on_published", "on_corrected", "on_retracted")}),
        (
            "Signature",
            {
                "fields": ("secret",),
                "description": "Give this secret to the partner: every payload carries an HMAC-SHA256 signature "
                "made with it (header X-Newsroom-Signature, see docs/public-side.md).",
            },
        ),
    )

    @admin.display(description="deliveries")
    def deliveries_link(self, obj):
        return format_html('<a href="../delivery/?subscription__id__exact={}">log</a>', obj.pk)


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = (
        "id",
        "subscription",
        "event",
        "item_type",
        "item_id",
        "status",
        "response_code",
        "attempts",
        "updated_at",
    )
    list_filter = ("status", "event", "item_type", "subscription")
    readonly_fields = [f.name for f in Delivery._meta.fields]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
