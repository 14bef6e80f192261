import unicodedata

from django.db import migrations


def _normalised(address: str) -> str:
    # The rule of accounts.models.normalise_email as it was when this migration was written.
    folded = unicodedata.normalize("NFKC", address or "").strip().casefold()
    return unicodedata.normalize("NFKC", folded)


def normalise_stored_emails(apps, schema_editor):
    """Store every address in the form accounts are now looked up by.

    An account whose normalised address another account already holds is left as it is
    (it could not be told apart by a login anyway) rather than failing the migration.
    """
    User = apps.get_model("accounts", "User")
    taken = set(User.objects.values_list("email", flat=True))
    for user in User.objects.order_by("pk").only("pk", "email"):
        email = _normalised(user.email)
        if email != user.email and email not in taken:
            taken.add(email)
            User.objects.filter(pk=user.pk).update(email=email)
    Invitation = apps.get_model("accounts", "Invitation")
    for invitation in Invitation.objects.only("pk", "email"):
        email = _normalised(invitation.email)
        if email != invitation.email:
            Invitation.objects.filter(pk=invitation.pk).update(email=email)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_initial")]

    operations = [migrations.RunPython(normalise_stored_emails, migrations.RunPython.noop)]
