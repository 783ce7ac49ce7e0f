"""Signals other apps listen to, so screening never imports them.

`suppression_revoked` is sent after the transaction that revoked a suppression
has committed, with `suppression`: bookings re-screens what it silenced.
"""

from django.dispatch import Signal

suppression_revoked = Signal()
