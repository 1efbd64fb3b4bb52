"""Whether and by when a 漏えい等 must be reported to the 個人情報保護委員会 (RULES.md §2): pure, no ORM.

法68① / 規則43 (triggers 1–5号), 規則44 (速報・確報), 番29の4 / 特定個人情報漏えい等報告規則2条
(重大事態), and the PPC guideline for 行政機関等 (every 特定個人情報 incident is reported).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from hogokan.core.calendar import NATIONAL_ADMINISTRATION, is_national_admin_closed, require_plausible, wareki

# The codes of the API and of RULES.md §2, in the order they are listed.
LAW_APPI = "appi68"
LAW_MN_SERIOUS = "mynumber29_4"
LAW_MN_GUIDELINE = "mynumber_guideline"
LAWS = (LAW_APPI, LAW_MN_SERIOUS, LAW_MN_GUIDELINE)
LAW_LABELS = {
    LAW_APPI: "個人情報保護法68条1項",
    LAW_MN_SERIOUS: "番号法29条の4（重大事態）",
    LAW_MN_GUIDELINE: "特定個人情報ガイドライン（行政機関等編）に基づく報告",
}
GROUNDS = ("sensitive", "property", "malicious", "over_100", "ordinance_sensitive",
           "mn_system", "mn_malicious", "mn_web", "mn_over_100")
GROUND_LABELS = {
    "sensitive": "規則43条1号 要配慮個人情報",
    "property": "規則43条2号 財産的被害のおそれ",
    "malicious": "規則43条3号 不正の目的",
    "over_100": "規則43条4号 100人超",
    "ordinance_sensitive": "規則43条5号 条例要配慮個人情報",
    "mn_system": "報告規則2条1号 番号関係システムでの漏えい等",
    "mn_malicious": "報告規則2条2号 不正の目的",
    "mn_web": "報告規則2条3号 電磁的方法による不特定多数への閲覧",
    "mn_over_100": "報告規則2条4号 100人超",
}
MN_SYSTEMS = ("network", "number_use_system", "related_affairs_system", "none")
MN_SYSTEM_LABELS = {
    "network": "情報提供ネットワークシステム",
    "number_use_system": "個人番号利用事務で使用するシステム",
    "related_affairs_system": "個人番号関係事務で使用するシステム",
    "none": "いずれでもない（紙・メール等）",
}
MN_SYSTEM_CHOICES = list(MN_SYSTEM_LABELS.items())
THRESHOLD_PERSONS = 100  # 規則43④ / 報告規則2④: more than 100 (101 or more)


@dataclass(frozen=True)
class BreachFacts:
    learned_on: date
    persons: int
    persons_is_estimate: bool = False
    sensitive: bool = False
    ordinance_sensitive: bool = False
    property_risk: bool = False
    malicious: bool = False
    strongly_encrypted: bool = False
    my_number: bool = False
    my_number_system: str = "none"
    published_on_web: bool = False
    # Facts not answered yet (UNKNOWABLE keys): an unknown fact is not ruled out (issue 12 §5.1).
    unknown: frozenset = frozenset()


# The facts a first report cannot always answer, as the first-report form asks them.
UNKNOWABLE = {
    "sensitive": "要配慮個人情報（病歴・障害・犯罪の経歴など）を含むか",
    "my_number": "個人番号（マイナンバー）を含むか",
    "property_risk": "財産的被害のおそれ（口座番号・クレジットカード番号など）があるか",
    "malicious": "不正の目的（不正アクセス・盗難・持出しなど）によるおそれがあるか",
    "strongly_encrypted": "高度な暗号化等の措置がされていたか",
}
FACT_NAMES = {"sensitive": "要配慮個人情報", "my_number": "個人番号", "property_risk": "財産的被害のおそれ",
              "malicious": "不正の目的", "strongly_encrypted": "高度な暗号化等"}
# Facts whose being unknown keeps the decision open (an unknown encryption only fails to exempt).
_DECISIVE_UNKNOWNS = ("sensitive", "my_number", "property_risk", "malicious")


@dataclass(frozen=True)
class ReportTiming:
    """Settings (RULES.md §2): 速報 target and warning, 確報 periods, and whether 条例要配慮 exists."""

    preliminary_days: int = 5
    preliminary_warn_days: int = 3
    final_days: int = 30
    final_days_malicious: int = 60
    ordinance_sensitive_defined: bool = True


@dataclass
class BreachDecision:
    report_required: bool
    # 判定未了: no ground is established yet, but unknown facts could establish one; the 速報 clock runs.
    pending: bool = False
    missing: list[str] = field(default_factory=list)
    laws: list[str] = field(default_factory=list)
    grounds: list[str] = field(default_factory=list)
    preliminary_due: date | None = None
    preliminary_warn_on: date | None = None
    final_due: date | None = None
    final_due_moved_from: date | None = None
    explanation: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "report_required": self.report_required, "laws": list(self.laws), "grounds": list(self.grounds),
            "preliminary_due": self.preliminary_due.isoformat() if self.preliminary_due else None,
            "final_due": self.final_due.isoformat() if self.final_due else None,
            "explanation": list(self.explanation),
        }


def final_report_due(learned_on: date, days: int) -> tuple[date, date | None]:
    """規則44②: ``days`` days counting the day of knowledge as day 1; a closed day moves to the next open day.

    Returns the due date and, when it moved, the statutory date it moved from.
    """
    statutory = learned_on + timedelta(days=days - 1)
    if not is_national_admin_closed(statutory):
        return statutory, None
    return NATIONAL_ADMINISTRATION.next_open_day(statutory), statutory


def decide(facts: BreachFacts, timing: ReportTiming | None = None) -> BreachDecision:
    """The decision with its grounds, the law(s), the due dates and the reasons in words."""
    require_plausible(facts.learned_on, "判明日")
    timing = timing or ReportTiming()
    lines: list[str] = []
    count = f"{facts.persons:,}人" + ("（概数のため最大数で判断）" if facts.persons_is_estimate else "")
    if facts.strongly_encrypted:
        lines.append("規則43条柱書: 高度な暗号化等の措置が講じられた保有個人情報の漏えい等は報告の対象外です。")
        if facts.my_number:
            lines.append("特定個人情報漏えい等報告規則2条・ガイドライン: 高度な暗号化等が講じられているため報告の対象外です。")
        lines.append("報告は不要ですが、事案の記録と再発防止策は残してください。")
        return BreachDecision(False, explanation=lines)

    grounds: list[str] = []
    if facts.sensitive:
        grounds.append("sensitive")
        lines.append("規則43条1号: 要配慮個人情報が含まれる（人数を問わず報告対象）。")
    if facts.property_risk:
        grounds.append("property")
        lines.append("規則43条2号: 不正に利用されると財産的被害が生じるおそれがある情報が含まれる。")
    if facts.malicious:
        grounds.append("malicious")
        lines.append("規則43条3号: 不正の目的をもって行われたおそれがある行為による漏えい等（不正アクセス・盗難・持出し等）。")
    if facts.persons > THRESHOLD_PERSONS:
        grounds.append("over_100")
        lines.append(f"規則43条4号: 本人の数が100人を超える（{count}）。")
    if facts.ordinance_sensitive:
        if timing.ordinance_sensitive_defined:
            grounds.append("ordinance_sensitive")
            lines.append("規則43条5号: 条例要配慮個人情報が含まれる（人数を問わず報告対象）。")
        else:
            lines.append("条例要配慮個人情報は本市の条例で定められていないため、規則43条5号は適用しません（設定）。")
    laws: list[str] = []
    if grounds:
        laws.append(LAW_APPI)
        lines.insert(0, "個人情報保護法68条1項により個人情報保護委員会への報告が必要です。")
    elif not facts.my_number:
        lines.append(f"規則43条1〜5号のいずれにも当たりません（本人の数 {count}、100人以下）。報告は不要です。")

    if facts.my_number:
        mn_grounds: list[str] = []
        if facts.my_number_system in ("network", "number_use_system", "related_affairs_system"):
            mn_grounds.append("mn_system")
            lines.append(f"特定個人情報漏えい等報告規則2条1号: {MN_SYSTEM_LABELS[facts.my_number_system]}での漏えい等。")
        if facts.malicious:
            mn_grounds.append("mn_malicious")
            lines.append("特定個人情報漏えい等報告規則2条2号: 不正の目的をもって行われたおそれがある漏えい・利用・提供。")
        if facts.published_on_web:
            mn_grounds.append("mn_web")
            lines.append("特定個人情報漏えい等報告規則2条3号: 電磁的方法により不特定多数の者が閲覧できる状態になった。")
        if facts.persons > THRESHOLD_PERSONS:
            mn_grounds.append("mn_over_100")
            lines.append(f"特定個人情報漏えい等報告規則2条4号: 本人の数が100人を超える（{count}）。")
        grounds.extend(mn_grounds)
        if mn_grounds:
            laws.append(LAW_MN_SERIOUS)
            lines.append("番号法29条の4第1項により重大事態として個人情報保護委員会への報告が必要です。")
        else:
            laws.append(LAW_MN_GUIDELINE)
            lines.append("重大事態には当たりませんが、特定個人情報ガイドライン（行政機関等編）により、"
                         "行政機関等は特定個人情報の漏えい等をすべて個人情報保護委員会に報告します（ガイドラインに基づく報告）。")

    if not laws:
        missing = [UNKNOWABLE[name] for name in _DECISIVE_UNKNOWNS if name in facts.unknown]
        if not missing:
            return BreachDecision(False, explanation=lines)
        # Not reportable on what is known, but not ruled out: the verdict waits for the facts.
        lines = [line for line in lines if "報告は不要です" not in line]
        lines.insert(0, "判定未了: 報告が必要かどうかは、まだ分かっていない事実によります。")
        lines.extend(f"未確認: {question}（分かるまでは「ある」ものとして扱います）" for question in missing)
        preliminary_due = facts.learned_on + timedelta(days=timing.preliminary_days)
        final_due, moved_from = final_report_due(facts.learned_on, timing.final_days)
        lines.append(f"報告が必要と分かった場合の速報の目安は {wareki(preliminary_due, weekday=True)}"
                     f"（判明日 {wareki(facts.learned_on)} ＋{timing.preliminary_days}日）です。確認を急いでください。")
        return BreachDecision(False, pending=True, missing=missing, preliminary_due=preliminary_due,
                              preliminary_warn_on=facts.learned_on + timedelta(days=timing.preliminary_warn_days),
                              final_due=final_due, final_due_moved_from=moved_from, explanation=lines)

    # 規則44①: 速報 「速やかに」 (概ね3〜5日); the target is a setting, counted from the day of knowledge.
    preliminary_due = facts.learned_on + timedelta(days=timing.preliminary_days)
    warn_on = facts.learned_on + timedelta(days=timing.preliminary_warn_days)
    lines.append(f"速報（規則44条1項）: 判明日 {wareki(facts.learned_on)} から速やかに。目安は {timing.preliminary_warn_days}〜"
                 f"{timing.preliminary_days}日、{wareki(preliminary_due, weekday=True)} までに提出（設定: 判明日＋{timing.preliminary_days}日）。")
    long_period = "malicious" in grounds or "mn_malicious" in grounds
    days = timing.final_days_malicious if long_period else timing.final_days
    final_due, moved_from = final_report_due(facts.learned_on, days)
    why = "不正の目的によるおそれがあるため" if long_period else ""
    lines.append(f"確報（規則44条2項）: {why}判明日を1日目として{days}日以内、{wareki(final_due, weekday=True)} まで。")
    if moved_from:
        lines.append(f"{days}日目の {wareki(moved_from, weekday=True)} は行政機関の休日のため、翌開庁日の "
                     f"{wareki(final_due, weekday=True)} が期限です（行政機関の休日に関する法律2条）。")
    lines.append("本人への通知（法68条2項・規則45条）: 速やかに通知します。困難で代替措置（公表・問合せ窓口）を講じる場合、"
                 "又は法78条1項の不開示情報を含む場合は、その旨と理由を記録してください。")
    return BreachDecision(True, laws=laws, grounds=grounds, preliminary_due=preliminary_due,
                          preliminary_warn_on=warn_on, final_due=final_due, final_due_moved_from=moved_from,
                          explanation=lines)


def timing_from_settings() -> ReportTiming:
    from django.conf import settings

    return ReportTiming(
        preliminary_days=settings.HOGOKAN_PPC_PRELIMINARY_DAYS,
        preliminary_warn_days=settings.HOGOKAN_PPC_PRELIMINARY_WARN_DAYS,
        ordinance_sensitive_defined=settings.HOGOKAN_ORDINANCE_SENSITIVE_DEFINED,
    )


def circled(number: int) -> str:
    """①②③ … for the numbers of recurrence-prevention measures (the Tokyo city table)."""
    if 1 <= number <= 20:
        return chr(0x2460 + number - 1)
    return f"({number})"
