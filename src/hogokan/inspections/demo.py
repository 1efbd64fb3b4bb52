"""Demo data for the self-inspection: the last months' campaigns, answered by most sections.

Idempotent: nothing happens when campaigns exist already.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from hogokan.inspections import services
from hogokan.inspections.models import Campaign, InspectionResponse
from hogokan.org.models import Assignment


def _months_back(today: date, count: int) -> list[tuple[int, int]]:
    months, year, month = [], today.year, today.month
    for _ in range(count):
        months.append((year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return list(reversed(months))


@transaction.atomic
def load(today: date | None = None) -> bool:
    if Campaign.objects.exists():
        return False
    today = today or timezone.localdate()
    rng = random.Random(42)
    months = _months_back(today, 4)
    for index, (year, month) in enumerate(months):
        kind = Campaign.Kind.STRENGTHENING if month in (8, 2) else Campaign.Kind.MONTHLY
        campaign = services.campaign_create(actor=None, kind=kind, year=year, month=month, generated=True)
        current = index == len(months) - 1
        for response in campaign.responses.select_related("unit"):
            # This month: the demo officers' and staff's sections (B06) are left for the demo users.
            if current and (response.unit.code == "B06" or rng.random() < 0.4):
                continue
            if not current and rng.random() < 0.03:
                continue  # a few sections never submitted
            _answer_and_submit(response, rng, today)
    return True


def _answer_and_submit(response: InspectionResponse, rng: random.Random, today: date) -> None:
    answers, actions = {}, {}
    people = [a.person for a in Assignment.objects.current_on(today).filter(unit=response.unit)
              .select_related("person")]
    for key, item in services.response_items(response):
        roll = rng.random()
        if roll < 0.03 and people:
            answers[key] = ("×", "点検日に確認したところ不備があった")
            actions[key] = services.ActionInput("課内で手順を再確認し、朝礼で周知する", people[0],
                                                response.campaign.inspection_date + timedelta(days=30))
        elif item.dash_allowed and roll < 0.35:
            answers[key] = ("－", "")
        else:
            answers[key] = ("○", "")
    for question in response.campaign.questions.all():
        chosen = [choice for choice in question.choices if rng.random() < 0.5]
        if question.kind == "single":
            chosen = chosen[:1]
        services_survey = {question.pk: (chosen, "朝礼で点検結果を共有した。" if rng.random() < 0.2 else "")}
        services.response_save(actor=None, response=response, answers={}, survey=services_survey)
    services.response_save(actor=None, response=response, answers=answers, actions=actions)
    services.response_submit(actor=None, response=response)
