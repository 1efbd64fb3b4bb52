"""Legal rules of the registers, pure functions (no ORM): the PIA level (RULES §6) and PIA due dates.

特定個人情報保護評価に関する規則 (番号法27, 28) and the PPC 指針: the level depends on the number of
persons in the 特定個人情報ファイル (対象人数), the number of people handling it (取扱者数) and whether
a 重大事故 happened in the last year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from hogokan.core.calendar import require_plausible, wareki

NONE = "none"
BASIC = "basic"
BASIC_PRIORITY = "basic+priority"
BASIC_FULL = "basic+full"
LEVELS = (NONE, BASIC, BASIC_PRIORITY, BASIC_FULL)
LEVEL_LABELS = {
    NONE: "評価不要",
    BASIC: "基礎項目評価",
    BASIC_PRIORITY: "基礎項目評価＋重点項目評価",
    BASIC_FULL: "基礎項目評価＋全項目評価",
}
# How demanding each level is, to tell whether a new level asks for more than the one evaluated.
LEVEL_RANK = {NONE: 0, BASIC: 1, BASIC_PRIORITY: 2, BASIC_FULL: 3}

PERSONS_BASIC = 1_000
PERSONS_PRIORITY = 10_000
PERSONS_FULL_IF = 100_000
PERSONS_FULL = 300_000
HANDLERS_MANY = 500
REEVALUATION_YEARS = 5


@dataclass
class PiaLevel:
    level: str
    explanation: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self.level]


def pia_level(persons: int, handlers: int, serious_accident_last_year: bool) -> PiaLevel:
    """The evaluation a 特定個人情報ファイル needs (指針 第6 しきい値判断): RULES §6's table."""
    if persons < 0 or handlers < 0:
        raise ValueError("persons and handlers are counts (0 or more)")
    heavy = handlers >= HANDLERS_MANY or serious_accident_last_year
    reasons = []
    if handlers >= HANDLERS_MANY:
        reasons.append(f"取扱者数が{HANDLERS_MANY:,}人以上（{handlers:,}人）")
    if serious_accident_last_year:
        reasons.append("過去1年以内に重大事故が発生")
    heavy_text = "、".join(reasons)
    explanation = [f"対象人数 {persons:,}人、取扱者数 {handlers:,}人、"
                   f"重大事故{'あり' if serious_accident_last_year else 'なし'}。"]
    if persons < PERSONS_BASIC:
        explanation.append(f"対象人数が{PERSONS_BASIC:,}人未満のため、特定個人情報保護評価の実施は義務付けられません（特定個人情報保護評価指針 第6 しきい値判断）。")
        return PiaLevel(NONE, explanation)
    if persons < PERSONS_PRIORITY:
        explanation.append(f"対象人数が{PERSONS_BASIC:,}人以上{PERSONS_PRIORITY:,}人未満のため、基礎項目評価を実施します（特定個人情報保護評価指針 第6 しきい値判断）。")
        return PiaLevel(BASIC, explanation)
    if persons < PERSONS_FULL_IF:
        if heavy:
            explanation.append(f"対象人数が{PERSONS_PRIORITY:,}人以上{PERSONS_FULL_IF:,}人未満で、{heavy_text}のため、"
                               "基礎項目評価と重点項目評価を実施します（特定個人情報保護評価指針 第6 しきい値判断）。")
            return PiaLevel(BASIC_PRIORITY, explanation)
        explanation.append(f"対象人数が{PERSONS_PRIORITY:,}人以上{PERSONS_FULL_IF:,}人未満で、取扱者数が{HANDLERS_MANY:,}人未満かつ"
                           "重大事故がないため、基礎項目評価のみを実施します（特定個人情報保護評価指針 第6 しきい値判断）。")
        return PiaLevel(BASIC, explanation)
    if persons < PERSONS_FULL:
        if heavy:
            explanation.append(f"対象人数が{PERSONS_FULL_IF:,}人以上{PERSONS_FULL:,}人未満で、{heavy_text}のため、"
                               "基礎項目評価と全項目評価を実施します（特定個人情報保護評価指針 第6 しきい値判断）。")
            return PiaLevel(BASIC_FULL, explanation)
        explanation.append(f"対象人数が{PERSONS_FULL_IF:,}人以上{PERSONS_FULL:,}人未満で、取扱者数が{HANDLERS_MANY:,}人未満かつ"
                           "重大事故がないため、基礎項目評価と重点項目評価を実施します（特定個人情報保護評価指針 第6 しきい値判断）。")
        return PiaLevel(BASIC_PRIORITY, explanation)
    explanation.append(f"対象人数が{PERSONS_FULL:,}人以上のため、基礎項目評価と全項目評価を実施します（特定個人情報保護評価指針 第6 しきい値判断）。")
    return PiaLevel(BASIC_FULL, explanation)


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later (Feb 29 → Feb 28)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def review_due(published_on: date, last_reviewed_on: date | None) -> date:
    """指針 第10 1: review the evaluation once a year (effort duty), counted from the last review or publication."""
    require_plausible(published_on, "公表日")
    if last_reviewed_on:
        require_plausible(last_reviewed_on, "見直し日")
    start = max(published_on, last_reviewed_on) if last_reviewed_on else published_on
    return add_years(start, 1)


def reevaluation_due(published_on: date, change_dates: list[date] = ()) -> date:
    """指針 第6 2, 第10 2: re-run within 5 years of publication, and before a 重要な変更 takes effect."""
    require_plausible(published_on, "公表日")
    due = add_years(published_on, REEVALUATION_YEARS)
    upcoming = [day for day in change_dates if day is not None]
    return min([due, *upcoming])


def needs_reevaluation(evaluated_level: str, computed_level: str) -> bool:
    """A level that asks for more than the evaluation done requires a new evaluation (指針 第6 2(2))."""
    return LEVEL_RANK[computed_level] > LEVEL_RANK[evaluated_level]


def fiscal_year_end(fiscal_year: int) -> date:
    """年度末: March 31 after the fiscal year's April (令和6年度末 = 2025-03-31)."""
    return date(fiscal_year + 1, 3, 31)


# ---- 評価書 and their publication (issue 22 §3) -----------------------------------------------------

DOCUMENT_BASIC = "basic"
DOCUMENT_PRIORITY = "priority"
DOCUMENT_FULL = "full"
DOCUMENT_KINDS = {
    DOCUMENT_BASIC: "基礎項目評価書",
    DOCUMENT_PRIORITY: "重点項目評価書",
    DOCUMENT_FULL: "全項目評価書",
}


def needs_third_party_review(document_kinds) -> bool:
    """全項目評価 needs 第三者点検 (番号法28①, 指針 第7 1(2)): here, the 審議会's 答申 on the 諮問."""
    return DOCUMENT_FULL in set(document_kinds)


def consultation_errors(consulted_on: date | None, answered_on: date | None) -> dict[str, str]:
    """The 第三者点検's dates in order: a 答申 answers a 諮問 made on or before it."""
    if answered_on and not consulted_on:
        return {"consulted_on": "答申日を入力するときは諮問日も入力してください。"}
    if consulted_on and answered_on and answered_on < consulted_on:
        return {"answered_on": "答申日は諮問日以後の日付にしてください。"}
    return {}


def publication_errors(*, document_kinds, published_on: date | None, consulted_on: date | None,
                       answered_on: date | None, early_reason: str = "", by_office: bool = False) -> dict[str, str]:
    """Why an evaluation cannot be marked 公表 on ``published_on`` (empty: it can).

    A 全項目評価書 is published after the 第三者点検's 答申 (指針 第7 1(2)); before it only when the office
    (総括保護管理者・事務局) records why (e.g. a statutory deadline before the 審議会 meets). Other documents
    need no 答申, but dates that are given must be in order (諮問 ≤ 答申, 諮問 ≤ 公表).
    """
    errors = consultation_errors(consulted_on, answered_on)
    if published_on is None:
        errors["published_on"] = "公表日を入力してください。"
        return errors
    if consulted_on and published_on < consulted_on and not early_reason.strip():
        errors["published_on"] = "公表日は諮問日以後の日付にしてください。"
    if needs_third_party_review(document_kinds):
        answered_before = answered_on is not None and answered_on <= published_on
        if not answered_before:
            when = "答申前" if answered_on is None else f"答申日（{wareki(answered_on)}）より前"
            if not early_reason.strip():
                errors["published_on"] = (f"全項目評価書は第三者点検（審議会への諮問と答申）を経てから公表します。{when}に"
                                          "公表するときは、事務局がその理由を記録してください。")
            elif not by_office:
                errors["early_publication_reason"] = ("答申前の公表は、事務局（総括保護管理者）が理由を記録して行います。")
    return errors
