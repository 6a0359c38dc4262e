from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "apps.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks for partner newsrooms"

    def ready(self):
        # transitions imports models, which Django allows only once the app registry is ready.
        from . import transitions

        transitions.connect()
