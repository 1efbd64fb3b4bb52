"""What the org module announces to the modules that react to 人事異動 (assets' access reviews).

Sent inside the service's transaction, once per service call with every record it wrote, so a
receiver can work in bulk (the April 1st batch) and its writes commit or roll back with the change.
Receivers connect in their ``AppConfig.ready``; the org module knows none of them.
"""

from django.dispatch import Signal

# kwargs: events (list[PersonnelEvent]), actor (the user who made the change)
personnel_changed = Signal()
# kwargs: leaves (list[Leave]), actor
leave_recorded = Signal()
