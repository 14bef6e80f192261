from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "sel_planner.reports"
    label = "reports"
    verbose_name = "Reports"
