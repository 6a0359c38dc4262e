from django.apps import AppConfig

from apps.articles.signals import article_queued


class PipelineConfig(AppConfig):
    name = "apps.pipeline"
    label = "pipeline"

    def ready(self) -> None:
        # The tasks module imports models, which Django allows only once the app registry is ready.
        from .tasks import queue_extraction

        # The articles app announces queued articles; the pipeline turns that into the extraction task.
        article_queued.connect(queue_extraction, dispatch_uid="pipeline.queue_extraction")
