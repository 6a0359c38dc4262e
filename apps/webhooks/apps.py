from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "apps.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks for partner newsrooms"

    def ready(self):
        from . import transitions

        transitions.connect()
