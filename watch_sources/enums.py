from django.db import models


class SourceFormat(models.TextChoices):
    FTM = "ftm", "FollowTheMoney entity JSON lines (OpenSanctions)"
    UK_SANCTIONS_CSV = "uk-sanctions-csv", "FCDO UK Sanctions List CSV"
    UN_XML = "un-xml", "UN Security Council consolidated list XML"
    CSV = "csv", "Locally curated CSV"


class EntryKind(models.TextChoices):
    PERSON = "person", "Person"
    ORGANISATION = "organisation", "Organisation"


class NameStrength(models.TextChoices):
    PRIMARY = "primary", "Primary name"
    ALIAS = "alias", "Alias"
    # Weak aliases (low-quality a.k.a., kunyas such as "Abu X") only ever match exactly.
    WEAK = "weak", "Weak alias"


class VersionStatus(models.TextChoices):
    LIVE = "live", "Live"
    SUPERSEDED = "superseded", "Superseded"
    HELD = "held", "Held for confirmation"
    REJECTED = "rejected", "Rejected"


class FetchOutcome(models.TextChoices):
    PUBLISHED = "published", "New version published"
    UNCHANGED = "unchanged", "Content unchanged"
    NOT_MODIFIED = "not_modified", "Not modified (HTTP 304)"
    HELD = "held", "Held for confirmation"
    FAILED = "failed", "Failed"
    RUNNING = "running", "Running"
