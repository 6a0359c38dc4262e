from django.apps import AppConfig


class PipelineConfig(AppConfig):
    name = "apps.pipeline"
    label = "pipeline"

    def ready(self) -> None:
        # The articles app announces queued articles; the pipeline turns that into the extraction task.
        from apps.articles.signals import article_queued

        from .tasks import queue_extraction

        article_queued.connect(queue_extraction, dispatch_uid="pipeline.queue_extraction")
