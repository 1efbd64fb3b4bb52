"""Logging filters of the settings' LOGGING."""

import logging


class ForbiddenOnOneLine(logging.Filter):
    """A 403 is an ordinary answer (someone followed a link beyond their role): one line, no traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
