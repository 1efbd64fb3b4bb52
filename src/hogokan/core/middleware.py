"""Guards every request passes: numbers the database cannot hold, and no caching of pages with personal data.

- An ID or number of 2^63 or more in the path or a query parameter is a 400 at once: SQLite raises
  OverflowError and PostgreSQL a DataError on it, deep in whichever view got it. The same errors
  raised later (a huge ID in a form or a JSON body) are a 400 too, never a 500.
- Every response that did not choose its own caching gets ``Cache-Control: private, no-store``:
  pages, exports and the API show personal information, and LGWAN terminals are shared.
- Every response gets the ``Permissions-Policy`` of the settings (no camera, microphone, location …).
"""

from __future__ import annotations

import logging
import re

from django.conf import settings
from django.db import DataError
from django.http import HttpResponse, JsonResponse
from django.template import loader

MAX_INTEGER = 2**63 - 1
_INTEGER = re.compile(r"[+-]?\d+")
TOO_LARGE = "数値が大きすぎます。IDや数値を確認してください。"
logger = logging.getLogger(__name__)


def too_large(text: str) -> bool:
    """A whole integer the database cannot hold (the length test first: int() of 5,000 digits refuses).

    Leading zeros do not make a number large: ``?q=000…0`` (a search for zeros) is 0.
    """
    if not _INTEGER.fullmatch(text):
        return False
    digits = text.lstrip("+-").lstrip("0")
    return len(digits) > 19 or int(digits or "0") > MAX_INTEGER


def is_api(request) -> bool:
    return request.path_info.startswith("/api/")


def bad_request(request, message: str) -> HttpResponse:
    """400 as JSON under /api/, else a page that needs neither the database nor the session."""
    if is_api(request):
        return JsonResponse({"detail": message}, status=400)
    body = loader.get_template("errors/400.html").render({"message": message})
    return HttpResponse(body, status=400)


class RequestGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        values = [segment for segment in request.path_info.split("/") if segment]
        values += [value for _key, items in request.GET.lists() for value in items]
        if any(too_large(value) for value in values):
            response = bad_request(request, TOO_LARGE)
        else:
            response = self.get_response(request)
        if not response.has_header("Cache-Control") and not request.path_info.startswith("/static/"):
            response["Cache-Control"] = "private, no-store"
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError | DataError):
            logger.warning("rejected a value the database cannot hold: %s %s (%s)", request.method, request.path,
                           exception)
            return bad_request(request, TOO_LARGE)
        return None
