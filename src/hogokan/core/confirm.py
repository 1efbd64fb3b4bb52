"""A plain HTML confirmation before an irreversible step (提出, 承認, 公表): no script needed.

The step's view calls ``confirm_first`` before doing anything: the first POST gets a page that
repeats what was posted as hidden fields with one button; its POST carries ``confirmed=1`` and the
view goes on.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

CONFIRM_FIELD = "confirmed"


def confirm_first(request, *, title: str, message: str, button: str, back_url: str) -> HttpResponse | None:
    """None when the POST is the confirmed one, else the confirmation page."""
    if request.POST.get(CONFIRM_FIELD) == "1":
        return None
    fields = [(name, value) for name, values in request.POST.lists() for value in values
              if name not in ("csrfmiddlewaretoken", CONFIRM_FIELD)]
    return render(request, "confirm.html", {"title": title, "message": message, "button": button,
                                            "back_url": back_url, "fields": fields, "confirm_field": CONFIRM_FIELD})
