"""Deadlines of data-subject requests (RULES.md §3, 法76–108): pure functions, no ORM.

Body side (the organ must decide by):
- 開示決定等 (法83①), 訂正決定等 (法94①), 利用停止決定等 (法102①): 30 days from the request, the
  request day not counted (初日不算入, 民法140) → received + 30; a 条例 may shorten the period.
- 補正 (法77③ etc.): the days from sending the 補正 request to receiving the correction, both days
  included, are not counted (they are added to the period).
- Extension (法83② / 94② / 102②): at most 30 more days, with a written notice of reason and period.
- 特例 (法84 / 95 / 103): notice within the first period; 開示 of a 相当の部分 within 60 days.
- A deadline on a closed day: setting ``deadline_on_closed_day`` — "keep" (default, the statutory
  date stands and we recommend the previous open day), "previous" or "next" (the due date moves).

Requester side (moves to the next open day, 地方自治法4条の2④):
- 開示の実施の申出 (法87③): 30 days from the notice of the decision.
- 訂正請求 (法90③) / 利用停止請求 (法98③): 90 days from the day the disclosure was received.
- 審査請求 (行政不服審査法18): 3 months from the day after learning of the decision, and at most 1 year
  from the day after the decision (民法143: the day before the corresponding day; month end if none).
"""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from hogokan.core.calendar import BodyCalendar, require_plausible, wareki

DISCLOSURE = "disclosure"
CORRECTION = "correction"
SUSPENSION = "suspension"
KINDS = (DISCLOSURE, CORRECTION, SUSPENSION)
KIND_LABELS = {DISCLOSURE: "開示請求", CORRECTION: "訂正請求", SUSPENSION: "利用停止請求"}
# (decision article, extension article, 特例 article)
ARTICLES = {DISCLOSURE: ("法83①", "法83②", "法84"), CORRECTION: ("法94①", "法94②", "法95"),
            SUSPENSION: ("法102①", "法102②", "法103")}

STATUTORY_PERIOD = 30
MAX_EXTENSION = 30  # 法83②: 30日以内に限り延長
SPECIAL_PART_DAYS = 60  # 法84: 相当の部分は60日以内に開示決定等
EXERCISE_DAYS = 30  # 法87③
CORRECTION_REQUEST_DAYS = 90  # 法90③, 98③
APPEAL_MONTHS = 3  # 行審法18①
APPEAL_MAX_MONTHS = 12  # 行審法18②

KEEP, PREVIOUS, NEXT = "keep", "previous", "next"
CLOSED_DAY_POLICIES = (KEEP, PREVIOUS, NEXT)


@dataclass(frozen=True)
class CorrectionPeriod:
    """One 補正: the day the request for correction was sent and the day the correction came in."""

    requested_on: date
    received_on: date | None = None  # None: still waiting

    def days(self, today: date | None = None) -> int:
        """Days not counted, both ends included; a period still open counts up to ``today``."""
        end = self.received_on or today
        if end is None:
            return 0
        return (end - self.requested_on).days + 1


@dataclass
class RequestDeadline:
    due: date
    extended_due: date | None
    recommended_by: date
    special_notice_by: date
    special_part_by: date | None
    correction_days: int
    explanation: list[str] = field(default_factory=list)

    @property
    def effective_due(self) -> date:
        return self.extended_due or self.due


def check_corrections(received_on: date, corrections: list[CorrectionPeriod]) -> list[str]:
    """Japanese messages for 補正 periods that cannot be (one per bad period, numbered from 1)."""
    errors = []
    ordered = sorted(corrections, key=lambda period: period.requested_on)
    previous_end = None
    for number, period in enumerate(corrections, start=1):
        if period.requested_on < received_on:
            errors.append(f"補正{number}: 補正を求めた日が請求の受付日より前です。")
        if period.received_on is not None and period.received_on < period.requested_on:
            errors.append(f"補正{number}: 補正を受けた日が補正を求めた日より前です。")
    for period in ordered:
        if previous_end is not None and period.requested_on <= previous_end:
            errors.append("補正の期間が重なっています（前の補正を受けた日より後に次の補正を求めてください）。")
            break
        previous_end = period.received_on or date.max
    return errors


def _closed_day(day: date, calendar: BodyCalendar, policy: str, label: str, explanation: list[str]) -> tuple[date, date]:
    """(the due date after the policy, the recommended decision date)."""
    if calendar.is_open(day):
        return day, day
    if policy == NEXT:
        moved = calendar.next_open_day(day)
        explanation.append(f"{label}{wareki(day)}は休庁日のため、本市の定めにより"
                           f"翌開庁日の{wareki(moved)}を期限とします。")
        return moved, moved
    if policy == PREVIOUS:
        moved = calendar.previous_open_day(day)
        explanation.append(f"{label}{wareki(day)}は休庁日のため、本市の定めにより"
                           f"前開庁日の{wareki(moved)}を期限とします。")
        return moved, moved
    recommended = calendar.previous_open_day(day)
    explanation.append(f"{label}{wareki(day)}は休庁日です。法定の期限は変わりませんが、"
                       f"前開庁日の{wareki(recommended)}までの決定を推奨します。")
    return day, recommended


def request_deadline(kind: str, received_on: date, corrections: list[CorrectionPeriod] | tuple = (), *,
                     extended: bool = False, extension_days: int = MAX_EXTENSION,
                     period_days: int = STATUTORY_PERIOD, calendar: BodyCalendar | None = None,
                     closed_day_policy: str = KEEP, today: date | None = None) -> RequestDeadline:
    """The decision deadlines of one request; raises ValueError (Japanese) on impossible input."""
    if kind not in KINDS:
        raise ValueError(f"請求の種類「{kind}」は使えません（{' / '.join(KINDS)}）。")
    require_plausible(received_on, "受付日")
    if not 1 <= period_days <= STATUTORY_PERIOD:
        raise ValueError(f"条例で定める期間は1日以上{STATUTORY_PERIOD}日以下です（法律の30日を超えられません）。")
    if extended and not 1 <= extension_days <= MAX_EXTENSION:
        raise ValueError(f"延長できる期間は1日以上{MAX_EXTENSION}日以下です（{ARTICLES[kind][1]}）。")
    if closed_day_policy not in CLOSED_DAY_POLICIES:
        raise ValueError(f"休庁日の扱いの設定（HOGOKAN_DISCLOSURE_DEADLINE_ON_CLOSED_DAY）は {' / '.join(CLOSED_DAY_POLICIES)} のいずれかです。")
    corrections = list(corrections)
    errors = check_corrections(received_on, corrections)
    if errors:
        raise ValueError(" ".join(errors))
    calendar = calendar or BodyCalendar()
    decision, extension_article, special_article = ARTICLES[kind]
    correction_days = sum(period.days(today) for period in corrections)
    explanation = [
        f"{KIND_LABELS[kind]}の受付日 {wareki(received_on)}（初日不算入）から{period_days}日"
        f"（{decision}{'、条例で短縮' if period_days < STATUTORY_PERIOD else ''}）。"
    ]
    for number, period in enumerate(corrections, start=1):
        if period.received_on is None:
            explanation.append(f"補正{number}: {wareki(period.requested_on)}に補正を求め、まだ補正を受けていません"
                               f"（{period.days(today)}日を算入せず、補正を受けるまで期限は延びます）。")
        else:
            explanation.append(f"補正{number}: {wareki(period.requested_on)}〜{wareki(period.received_on)}の"
                               f"{period.days()}日（両日を含む）は期間に算入しません。")
    statutory_due = received_on + timedelta(days=period_days + correction_days)
    explanation.append(f"決定期限は{wareki(statutory_due)}です。")
    due, recommended = _closed_day(statutory_due, calendar, closed_day_policy, "決定期限の", explanation)
    extended_due = None
    if extended:
        # The extension runs from the statutory date, not from a date a setting moved.
        statutory_extended = statutory_due + timedelta(days=extension_days)
        explanation.append(f"{extension_article}により{extension_days}日延長し、延長後の期限は"
                           f"{wareki(statutory_extended)}です（理由と期間を書面で通知します）。")
        extended_due, recommended = _closed_day(statutory_extended, calendar, closed_day_policy,
                                                "延長後の期限の", explanation)
    special_part_by = None
    if kind == DISCLOSURE:
        special_part_by = received_on + timedelta(days=SPECIAL_PART_DAYS + correction_days)
    explanation.append(f"特例（{special_article}）を適用するときは{wareki(statutory_due)}までに通知します"
                       + (f"（相当の部分は{wareki(special_part_by)}までに開示決定等）。" if special_part_by else "。"))
    return RequestDeadline(due=due, extended_due=extended_due, recommended_by=recommended,
                           special_notice_by=statutory_due, special_part_by=special_part_by,
                           correction_days=correction_days, explanation=explanation)


# ---- requester side ------------------------------------------------------------------------------

def add_months_period(start: date, months: int) -> date:
    """The last day of a period of ``months`` months counted from ``start`` (民法143②)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    last = _calendar.monthrange(year, month)[1]
    if start.day > last:
        return date(year, month, last)  # no corresponding day: the month's last day
    return date(year, month, start.day) - timedelta(days=1)


def _citizen_side(day: date, calendar: BodyCalendar | None) -> date:
    return (calendar or BodyCalendar()).next_open_day(day)  # 地方自治法4条の2④


def exercise_by(notice_on: date, calendar: BodyCalendar | None = None) -> date:
    """開示の実施の申出 (法87③): 30 days from the notice, the notice day not counted."""
    require_plausible(notice_on, "通知日")
    return _citizen_side(notice_on + timedelta(days=EXERCISE_DAYS), calendar)


def correction_request_by(disclosed_on: date, calendar: BodyCalendar | None = None) -> date:
    """訂正請求 (法90③) / 利用停止請求 (法98③): 90 days from the day the disclosure was received."""
    require_plausible(disclosed_on, "開示を受けた日")
    return _citizen_side(disclosed_on + timedelta(days=CORRECTION_REQUEST_DAYS), calendar)


def appeal_by(learned_on: date, decided_on: date, calendar: BodyCalendar | None = None) -> date:
    """審査請求 (行審法18①②): 3 months from the day after learning, never past 1 year from the decision."""
    require_plausible(decided_on, "決定日")
    require_plausible(learned_on, "決定を知った日")
    if learned_on < decided_on:
        raise ValueError("決定を知った日が決定日より前です。")
    three_months = add_months_period(learned_on + timedelta(days=1), APPEAL_MONTHS)
    one_year = add_months_period(decided_on + timedelta(days=1), APPEAL_MAX_MONTHS)
    return _citizen_side(min(three_months, one_year), calendar)


# ---- third parties (法86) -------------------------------------------------------------------------

HEARING_GAP_DAYS = 14  # 法86③: at least two weeks between the decision and the disclosure


def hearing_mandatory(*, ground_2_ro: bool = False, ground_3_proviso: bool = False, discretionary: bool = False) -> bool:
    """法86②: hearing required for 78①2号ロ, 3号ただし書 and 80条 裁量的開示."""
    return ground_2_ro or ground_3_proviso or discretionary


def earliest_disclosure_after_objection(decided_on: date) -> date:
    """法86③: after a third party's objection, at least two weeks between decision and disclosure."""
    require_plausible(decided_on, "決定日")
    return decided_on + timedelta(days=HEARING_GAP_DAYS + 1)
