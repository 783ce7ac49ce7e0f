from django.db import migrations

CONDITIONS = [
    ("independent-chair", "An independent chair for the event",
     "A chair not connected with the hirer keeps the discussion within the law and the venue's policy."),
    ("recording", "The event is recorded",
     "The hirer records the event and keeps the recording for the venue to see on request."),
    ("stewarding", "Adequate stewarding",
     "Enough trained stewards for the expected attendance."),
    ("speaker-code-of-conduct", "Speakers agree to the venue's code of conduct",
     "Each speaker signs the venue's code of conduct before the event."),
    ("officer-attendance", "A council officer attends",
     "A council officer attends the event as an observer."),
]


def seed(apps, schema_editor):
    AdviceCondition = apps.get_model("bookings", "AdviceCondition")
    for position, (code, label, description) in enumerate(CONDITIONS):
        AdviceCondition.objects.update_or_create(
            code=code, defaults={"label": label, "description": description, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("bookings", "0003_review_state_machine")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
