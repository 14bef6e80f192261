import socket

from celery import shared_task
from django.utils import timezone


@shared_task(name="reports.diagnostic_ping")
def diagnostic_ping(value: int) -> dict:
    """Round-trip check of the task queue: echoes the value with the worker's host and time."""
    return {"echo": value * 2, "hostname": socket.gethostname(), "at": timezone.now().isoformat()}
