from django.urls import path

from .views import public

app_name = "vision_public"

urlpatterns = [
    path("s/<str:token>/", public.questionnaire_answer, name="questionnaire"),
    path("f/<str:token>/", public.feedback_answer, name="feedback"),
]
