from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from .api_router import router

admin.site.site_header = "Newsroom fact tracker"
admin.site.site_title = "Newsroom fact tracker"
admin.site.index_title = "Editorial desk"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include(router.urls)),
    path("tracker/", include("apps.tracking.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
]

# JSON errors under /api/, Django's own pages elsewhere.
handler404 = "apps.common.api.errors.handler404"
handler500 = "apps.common.api.errors.handler500"
