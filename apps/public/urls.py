from django.urls import path

from . import feeds, views

app_name = "public"

urlpatterns = [
    path("", views.index, name="index"),
    path("claims/<int:pk>/", views.claim_detail, name="claim"),
    path("actors/<int:pk>/", views.actor_detail, name="actor"),
    path("feed/", feeds.LatestFactsFeed(), name="feed"),
    path("actors/<int:pk>/feed/", feeds.ActorFeed(), name="actor-feed"),
    path("initiatives/<slug:slug>/feed/", feeds.InitiativeFeed(), name="initiative-feed"),
]
