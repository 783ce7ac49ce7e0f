"""Signals other apps listen to, so screening never imports them.

`suppression_revoked` is sent after the transaction that revoked a suppression
has committed, with `suppression`: bookings re-screens what it silenced.

`screened_with_previous_index` is sent by a process once it has swapped in a new
match index, with `key` (the version ids it now holds), if it answered any
screening with its previous index while the new one was building: those runs
recorded the previous versions, and bookings screens them again.
"""

from django.dispatch import Signal

suppression_revoked = Signal()
screened_with_previous_index = Signal()
