from django.apps import AppConfig


class WatchSourcesConfig(AppConfig):
    name = "watch_sources"
    default_auto_field = "django.db.models.BigAutoField"
