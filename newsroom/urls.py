from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps_views
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from apps.public.sitemaps import SITEMAPS

from .api_router import router

admin.site.site_header = "Newsroom fact tracker"
admin.site.site_title = "Newsroom fact tracker"
admin.site.index_title = "Editorial desk"
admin.site.site_url = "/facts/"  # "View site": the public fact-check index

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="public:index", permanent=False)),
    path("admin/", admin.site.urls),
    path("api/v1/", include(router.urls)),
    path("tracker/", include("apps.tracking.urls")),
    path("facts/", include("apps.public.urls")),
    # A sitemap index, and one sitemap per section (paged by ?p= past 5,000 URLs).
    path("sitemap.xml", sitemaps_views.index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemaps_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path(
        "api/redoc/",
        SpectacularRedocView.as_view(url_name="schema", template_name="public/redoc.html"),
        name="api-redoc",
    ),
]

# JSON errors under /api/, Django's own pages elsewhere.
handler404 = "apps.common.api.errors.handler404"
handler500 = "apps.common.api.errors.handler500"
