from django.apps import AppConfig


class BookingsConfig(AppConfig):
    name = "bookings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # watch_sources never imports bookings: it announces new versions and we listen.
        from bookings.audit import screening_audit_write
        from bookings.intake.receivers import source_version_published, suppression_revoked
        from screening.audit import register_audit_writer
        from screening.signals import suppression_revoked as suppression_revoked_signal
        from watch_sources.signals import version_published

        version_published.connect(
            source_version_published, dispatch_uid="bookings.intake.receivers.source_version_published"
        )
        suppression_revoked_signal.connect(
            suppression_revoked, dispatch_uid="bookings.intake.receivers.suppression_revoked"
        )
        # screening never imports bookings either: it audits through this hook.
        register_audit_writer(screening_audit_write)
