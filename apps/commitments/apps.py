from django.apps import AppConfig


class CommitmentsConfig(AppConfig):
    name = "apps.commitments"
    label = "commitments"
