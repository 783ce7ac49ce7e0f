"""Signals other apps listen to, so watch_sources never imports them.

`version_published` is sent after the transaction that made a version live
has committed, with `version` (the new live SourceVersion) and `removed`
(entry ids of the source that the new version no longer holds).
"""

from django.dispatch import Signal

version_published = Signal()
