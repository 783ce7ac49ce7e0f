"""Signals other apps listen to, so watch_sources never imports them.

`version_published` is sent after the transaction that made a version live
has committed, with `version` (the new live SourceVersion) and `removed`
(entry ids of the source that the new version no longer holds) and `confirmed_by`
(the audit label of whoever confirmed a held version; "" when it went live by itself).
"""

from django.dispatch import Signal

version_published = Signal()
