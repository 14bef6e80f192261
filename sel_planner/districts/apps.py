from django.apps import AppConfig


class DistrictsConfig(AppConfig):
    name = "sel_planner.districts"
    label = "districts"
    verbose_name = "Districts"

    def ready(self):
        from django.urls import register_converter

        from . import converters, freshness, registry

        # Before any URLconf is read: their patterns name it.
        register_converter(converters.TokenConverter, "token")
        registry.autodiscover()
        freshness.connect()
