from django.apps import AppConfig


class BookingsConfig(AppConfig):
    name = "bookings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # watch_sources never imports bookings: it announces new versions and we listen.
        from bookings.audit import screening_audit_write
        from bookings.intake.receivers import (
            screened_with_previous_index,
            source_version_published,
            suppression_revoked,
        )
        from screening.audit import register_audit_writer
        from screening.signals import screened_with_previous_index as previous_index_signal
        from screening.signals import suppression_revoked as suppression_revoked_signal
        from watch_sources.signals import version_published

        version_published.connect(
            source_version_published, dispatch_uid="bookings.intake.receivers.source_version_published"
        )
        suppression_revoked_signal.connect(
            suppression_revoked, dispatch_uid="bookings.intake.receivers.suppression_revoked"
        )
        previous_index_signal.connect(
            screened_with_previous_index,
            dispatch_uid="bookings.intake.receivers.screened_with_previous_index",
        )
        # screening never imports bookings either: it audits through this hook.
        register_audit_writer(screening_audit_write)
