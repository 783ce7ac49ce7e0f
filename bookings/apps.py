from django.apps import AppConfig


class BookingsConfig(AppConfig):
    name = "bookings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # watch_sources never imports bookings: it announces new versions and we listen.
        from bookings.intake.receivers import source_version_published
        from watch_sources.signals import version_published

        version_published.connect(
            source_version_published, dispatch_uid="bookings.intake.receivers.source_version_published"
        )
