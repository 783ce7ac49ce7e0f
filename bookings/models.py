import uuid

import django_fsm as fsm
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from .enums import (
    Advice,
    AttendanceMode,
    BookingStatus,
    Channel,
    PartyKind,
    PartyRole,
    ScopeRule,
    VenueType,
)
from .validators import validate_partial_date


class Venue(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    district = models.CharField(max_length=100, blank=True)
    venue_type = models.CharField(max_length=32, choices=VenueType.choices, default=VenueType.OTHER)
    owning_organisation = models.CharField(max_length=200, blank=True)
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=50, blank=True)
    scope_rule = models.CharField(
        max_length=32, choices=ScopeRule.choices, default=ScopeRule.PROPORTIONATE
    )
    staff = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="venues")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ApiKeyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiKey(models.Model):
    """A venue system's credential. Only an HMAC digest of the key is stored;
    the prefix (first characters of the key) lets an admin tell keys apart."""

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="api_keys")
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=16, unique=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        verbose_name = "API key"

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.venue})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class Booking(fsm.ConcurrentTransitionMixin, models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, related_name="bookings")
    external_ref = models.CharField(max_length=100)
    # NULL, not "", so the partial unique constraint ignores bookings sent without a key.
    idempotency_key = models.CharField(max_length=200, null=True, blank=True)  # noqa: DJ001
    # SHA-256 of the create request, to tell a harmless retry from a clash.
    request_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    channel = models.CharField(max_length=16, choices=Channel.choices, default=Channel.API)

    title = models.CharField(max_length=300)
    description = models.TextField(blank=True, max_length=10_000)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    expected_attendance = models.PositiveIntegerField(null=True, blank=True)
    is_public = models.BooleanField(default=False)
    attendance_mode = models.CharField(
        max_length=16, choices=AttendanceMode.choices, default=AttendanceMode.IN_PERSON
    )
    promotion = models.CharField(
        max_length=500, blank=True, help_text="How the event is promoted (posters, social media…)."
    )
    hirer_contact_name = models.CharField(max_length=200, blank=True)
    hirer_contact_email = models.EmailField(blank=True)

    status = fsm.FSMField(
        max_length=32,
        choices=BookingStatus.choices,
        default=BookingStatus.RECEIVED,
        protected=True,
    )
    # NULL means "no advice given"; the API contract shows it as null.
    advice = models.CharField(max_length=32, choices=Advice.choices, null=True, blank=True)  # noqa: DJ001

    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    screened_at = models.DateTimeField(null=True, blank=True)
    flagged_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.CharField(max_length=500, blank=True)
    personal_data_purged_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["venue", "external_ref"], name="booking_external_ref_unique_per_venue"
            ),
            models.UniqueConstraint(
                fields=["venue", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="booking_idempotency_key_unique_per_venue",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="booking_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(status__in=BookingStatus.values), name="booking_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(advice__isnull=True) | Q(advice__in=Advice.values),
                name="booking_advice_valid",
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.venue} {self.external_ref}"

    @property
    def hirer(self) -> "Party | None":
        return next((p for p in self.parties.all() if p.role == PartyRole.HIRER), None)

    # --- Screening outcomes: short, DB-only transitions driven by services ---

    @fsm.transition(field=status, source=BookingStatus.SCREENABLE, target=BookingStatus.NOT_IN_SCOPE)
    def mark_not_in_scope(self) -> None:
        self.screened_at = timezone.now()

    @fsm.transition(field=status, source=BookingStatus.SCREENABLE, target=BookingStatus.CLEARED)
    def mark_cleared(self) -> None:
        self.screened_at = timezone.now()

    @fsm.transition(
        field=status,
        source=[*BookingStatus.SCREENABLE, BookingStatus.FLAGGED, BookingStatus.ADVISED],
        target=BookingStatus.FLAGGED,
    )
    def mark_flagged(self) -> None:
        # Re-flagging advised booking re-opens review: earlier advice no longer stands.
        self.advice = None
        self.screened_at = timezone.now()
        self.flagged_at = self.flagged_at or self.screened_at

    @fsm.transition(
        field=status,
        source=[
            BookingStatus.RECEIVED,
            BookingStatus.NOT_IN_SCOPE,
            BookingStatus.CLEARED,
            *BookingStatus.UNDER_REVIEW,
            BookingStatus.ADVISED,
        ],
        target=BookingStatus.WITHDRAWN,
    )
    def withdraw(self, *, reason: str = "") -> None:
        self.withdrawn_at = timezone.now()
        self.withdrawal_reason = reason


class Party(models.Model):
    """Someone named on a booking: the hirer, an organiser, a speaker or a performer."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(max_length=16, choices=PartyRole.choices)
    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=16, choices=PartyKind.choices)
    organisation = models.CharField(max_length=300, blank=True)
    date_of_birth = models.CharField(
        max_length=10, blank=True, validators=[validate_partial_date], help_text="YYYY[-MM[-DD]]"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["booking", "position", "id"]
        verbose_name_plural = "parties"
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=PartyRole.values), name="party_role_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=PartyKind.values), name="party_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class AuditRecordQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("audit records are append-only")

    def delete(self):
        raise PermissionError("audit records are append-only")


class AuditRecord(models.Model):
    """One link of the append-only audit chain (see bookings/audit.py)."""

    created_at = models.DateTimeField()
    actor = models.CharField(max_length=200)
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    data = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditRecordQuerySet.as_manager()

    class Meta:
        db_table = "bookings_audit_record"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} by {self.actor}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("audit records are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("audit records are append-only")
