from django.urls import path

from . import public_views

app_name = "reports_public"

urlpatterns = [
    path("r/<token:token>/", public_views.summary, name="summary"),
]
