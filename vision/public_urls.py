from django.urls import path

from .views import public

app_name = "vision_public"

urlpatterns = [
    path("s/<token:token>/", public.questionnaire_answer, name="questionnaire"),
    path("f/<token:token>/", public.feedback_answer, name="feedback"),
]
