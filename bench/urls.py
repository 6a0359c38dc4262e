from django.urls import include, path

from bench.naive import router as naive_router
from newsroom.urls import handler404, handler500  # noqa: F401
from newsroom.urls import urlpatterns as base_urlpatterns

urlpatterns = [*base_urlpatterns, path("naive/v1/", include(naive_router.urls))]
