from celery import shared_task

from .services import import_previews_clear_expired


@shared_task(name="inventory.clear_expired_import_previews")
def clear_expired_import_previews() -> int:
    """Remove the import previews whose uploader did not confirm them in time."""
    return import_previews_clear_expired()
