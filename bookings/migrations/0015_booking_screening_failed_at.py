from django.db import migrations, models


def from_the_audit_trail(apps, schema_editor):
    """Bookings stored flagged because their screening failed at intake, before the field
    existed: each has its `booking.screening_failed` audit record (bookings.intake.services)."""
    AuditRecord = apps.get_model("bookings", "AuditRecord")
    Booking = apps.get_model("bookings", "Booking")
    failures = AuditRecord.objects.filter(action="booking.screening_failed", object_type="bookings.booking")
    for object_id, created_at in failures.values_list("object_id", "created_at").iterator():
        Booking.objects.filter(pk=object_id, screening_failed_at__isnull=True).update(screening_failed_at=created_at)


class Migration(migrations.Migration):
    dependencies = [
        ("bookings", "0014_audit_head"),
    ]

    operations = [
        migrations.AddField(
            model_name="booking",
            name="screening_failed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(from_the_audit_trail, migrations.RunPython.noop),
    ]
