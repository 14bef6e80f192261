from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sel_planner.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from sel_planner.middleware import session_renewed_at_login

        user_logged_in.connect(session_renewed_at_login, dispatch_uid="session_renewed_at_login")
