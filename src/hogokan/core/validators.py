"""Model-field validators shared by every module; services call full_clean, so forms and the API both get them."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible

from hogokan.core.calendar import date_range_error


@deconstructible
class DateRange:
    """A plausible date: not before ``earliest``, and not in the future when ``not_future``.

    ``DateRange(date(1989, 1, 1), not_future=True)`` on an incident's 発生日; without arguments it
    keeps a date within 明治 … 2099, the range 和暦 and the deadline arithmetic are built for.
    """

    def __init__(self, earliest: date | None = None, *, not_future: bool = False):
        self.earliest, self.not_future = earliest, not_future

    def __call__(self, value) -> None:
        if not isinstance(value, date):
            return
        message = date_range_error(value, earliest=self.earliest,
                                   today=timezone.localdate() if self.not_future else None)
        if message:
            raise ValidationError(message, code="date_range")

    def __eq__(self, other) -> bool:
        return isinstance(other, DateRange) and (self.earliest, self.not_future) == (other.earliest, other.not_future)
