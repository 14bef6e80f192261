from celery import shared_task
from django.utils import timezone

from .services import reminder_send_digests


@shared_task(name="actionplan.send_weekly_digest")
def send_weekly_digest() -> list[dict]:
    """The weekly reminder: each person's activities due within a week and overdue, by email."""
    return reminder_send_digests(today=timezone.localdate())
