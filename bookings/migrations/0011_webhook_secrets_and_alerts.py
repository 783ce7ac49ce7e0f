"""Webhook secrets become required, made by the service and shown once; alerts for administrators.

A venue with a webhook URL and an empty or short secret (typed by a person,
before secrets were generated) had deliveries anyone could forge. Each such
venue gets a new strong secret here, before the constraint that requires one.
Nobody has seen it, so the venue's receiver will refuse the deliveries signed
with it until an administrator makes one they can hand over
(`manage.py rotate_webhook_secret VENUE`, or the venue admin's action): each
venue concerned gets an open "secret not yet given to the venue" alert in the
admin and a warning in the migration's log, and failed deliveries can be
resent afterwards (docs/webhooks.md).
"""

import logging
import secrets

import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

logger = logging.getLogger("bookings.migrations")
STRONG = 43  # len(secrets.token_urlsafe(32)); bookings/webhook_secrets.py, frozen here


def give_weak_secrets_a_strong_one(apps, schema_editor):
    Venue = apps.get_model("bookings", "Venue")
    WebhookAlert = apps.get_model("bookings", "WebhookAlert")
    for venue in Venue.objects.exclude(webhook_url="").order_by("pk"):
        if len(venue.webhook_secret.strip()) >= STRONG:
            continue
        venue.webhook_secret = secrets.token_urlsafe(32)
        venue.save(update_fields=["webhook_secret"])
        WebhookAlert.objects.create(venue=venue, kind="secret_not_shared")
        logger.warning(
            "venue %s (%s) had a weak webhook secret and got a new one nobody has seen: "
            "run `manage.py rotate_webhook_secret %s` and give the venue the secret it prints",
            venue.pk,
            venue.slug,
            venue.slug,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("bookings", "0010_officer_notice_decline_reopened"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="WebhookAlert",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("deliveries_failed", "Webhook deliveries gave up"),
                            ("secret_not_shared", "New webhook secret not yet given to the venue"),
                        ],
                        max_length=24,
                    ),
                ),
                ("opened_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("closed_at", models.DateTimeField(blank=True, null=True)),
                ("failed_deliveries", models.PositiveIntegerField(default=0)),
                ("last_failed_at", models.DateTimeField(blank=True, null=True)),
                ("last_error", models.CharField(blank=True, max_length=500)),
            ],
            options={
                "ordering": ["-opened_at", "-id"],
            },
        ),
        migrations.AddField(
            model_name="webhookdelivery",
            name="resends",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="webhookdelivery",
            name="resent_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name="venue",
            name="webhook_secret",
            field=models.CharField(blank=True, editable=False, max_length=128),
        ),
        migrations.AddField(
            model_name="webhookalert",
            name="first_delivery",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="bookings.webhookdelivery",
            ),
        ),
        migrations.AddField(
            model_name="webhookalert",
            name="last_delivery",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="bookings.webhookdelivery",
            ),
        ),
        migrations.AddField(
            model_name="webhookalert",
            name="venue",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="webhook_alerts",
                to="bookings.venue",
            ),
        ),
        migrations.RunPython(give_weak_secrets_a_strong_one, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="venue",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("webhook_url", ""),
                    django.db.models.lookups.GreaterThanOrEqual(
                        django.db.models.functions.text.Length("webhook_secret"), 43
                    ),
                    _connector="OR",
                ),
                name="venue_webhook_url_needs_strong_secret",
                violation_error_message="A venue with a webhook URL needs a secret made by the service.",
            ),
        ),
        migrations.AddConstraint(
            model_name="webhookalert",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind__in", ["deliveries_failed", "secret_not_shared"])),
                name="webhook_alert_kind_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="webhookalert",
            constraint=models.UniqueConstraint(
                condition=models.Q(("closed_at__isnull", True)),
                fields=("venue", "kind"),
                name="one_open_webhook_alert_per_venue_and_kind",
            ),
        ),
    ]
