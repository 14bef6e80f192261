from django.urls import path

from .views import public

app_name = "inventory_public"

urlpatterns = [
    path("inventory-survey/<token:token>/", public.survey_answer, name="survey"),
]
