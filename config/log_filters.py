"""Filters for the settings' LOGGING."""

from __future__ import annotations

import logging
from http import HTTPStatus


class ForbiddenWithoutTraceback(logging.Filter):
    """A 403 (PermissionDenied) is an answer, not a fault: django.request logs it with the
    exception's traceback, which this turns into one line naming the method, path and user.
    Every other record, a 500's traceback included, passes as it is."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if getattr(record, "status_code", None) != HTTPStatus.FORBIDDEN or request is None:
            return True
        user = getattr(request, "user", None)
        who = user.get_username() if user is not None and user.is_authenticated else "anonymous"
        record.msg = "Forbidden: %s %s (user %s)"
        record.args = (request.method, request.path, who)
        record.exc_info = None
        record.exc_text = None
        return True
