from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sel_planner.accounts"
    label = "accounts"
    verbose_name = "Accounts"
