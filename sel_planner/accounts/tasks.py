from celery import shared_task
from django.core.management import call_command


@shared_task(name="accounts.clear_expired_sessions")
def clear_expired_sessions() -> None:
    """Remove sessions past their expiry, which Django's session store never removes itself."""
    call_command("clearsessions")
