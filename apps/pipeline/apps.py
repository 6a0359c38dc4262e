from celery.signals import task_postrun, task_prerun, worker_init
from django.apps import AppConfig

from apps.articles.signals import article_queued


class PipelineConfig(AppConfig):
    name = "apps.pipeline"
    label = "pipeline"

    def ready(self) -> None:
        # The tasks module imports models, which Django allows only once the app registry is ready.
        from .tasks import queue_extraction
        from .worker import preload_engine, task_ended, task_started

        # The articles app announces queued articles; the pipeline turns that into the extraction task.
        article_queued.connect(queue_extraction, dispatch_uid="pipeline.queue_extraction")
        # A worker loads the engine once, before its pool forks (apps/pipeline/worker.py).
        worker_init.connect(preload_engine, dispatch_uid="pipeline.preload_engine")
        # Every task run logs its CPU time and query count (what bench/pipeline.py adds up).
        task_prerun.connect(task_started, dispatch_uid="pipeline.task_started")
        task_postrun.connect(task_ended, dispatch_uid="pipeline.task_ended")
