from django.urls import path

from . import views

app_name = "tracking"

urlpatterns = [
    path("", views.tracker_index, name="index"),
    path("<slug:slug>/", views.tracker_detail, name="tracker"),
]
