from django.apps import AppConfig


class DistrictsConfig(AppConfig):
    name = "sel_planner.districts"
    label = "districts"
    verbose_name = "Districts"

    def ready(self):
        from . import freshness, registry

        registry.autodiscover()
        freshness.connect()
