"""The 速報 and 確報 to the 個人情報保護委員会 (規則44, RULES.md §2) as drafts prefilled from the record.

Each item of the PPC's report form is read from the incident; what the record does not know yet is marked
``missing`` (the 速報 may go with 「調査中」 items, the 確報 should not). The same items give the JSON of the
API, the Word and PDF documents (reports' document home) and the plain text pasted into the PPC's form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from hogokan.core.calendar import wareki
from hogokan.incidents.models import Incident, PpcReport, PreventiveMeasure

STAGES = {PpcReport.Stage.PRELIMINARY.value: "速報", PpcReport.Stage.FINAL.value: "確報"}
MISSING_TEXT = {"preliminary": "（調査中）", "final": "（未記入）"}


@dataclass(frozen=True)
class DraftItem:
    key: str
    label: str
    value: str
    missing: bool

    def as_dict(self) -> dict:
        return {"key": self.key, "label": self.label, "value": self.value, "missing": self.missing}


@dataclass
class Draft:
    incident: Incident
    stage: str
    due_on: date | None
    items: list[DraftItem] = field(default_factory=list)

    @property
    def stage_label(self) -> str:
        return STAGES[self.stage]

    @property
    def title(self) -> str:
        return f"個人情報保護委員会への漏えい等報告（{self.stage_label}）"

    @property
    def missing(self) -> list[DraftItem]:
        return [item for item in self.items if item.missing]

    def as_dict(self) -> dict:
        return {"stage": self.stage, "due_on": self.due_on.isoformat() if self.due_on else None,
                "items": [item.as_dict() for item in self.items]}

    def shown(self, item: DraftItem) -> str:
        """The value as the documents print it: an unknown item says so."""
        if item.missing:
            return f"{MISSING_TEXT[self.stage]} {item.value}".rstrip() if item.value else MISSING_TEXT[self.stage]
        return item.value

    def text(self) -> str:
        """The draft as plain text, item by item, to paste into the PPC's reporting form."""
        incident = self.incident
        due = f"　提出期限（目安）: {wareki(self.due_on)}" if self.due_on else ""
        lines = [f"【{self.title}・下書き】", f"事案番号: {incident.number}　件名: {incident.title}{due}", ""]
        for item in self.items:
            mark = "［未確認］" if item.missing else ""
            lines.append(f"■ {item.label}{mark}")
            lines.append(self.shown(item))
            lines.append("")
        if self.missing:
            lines.append("※ 未確認の項目: " + "、".join(item.label for item in self.missing))
        return "\n".join(lines).rstrip() + "\n"


def _when(value) -> str:
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{wareki(local.date())} {local:%H時%M分}"


def _items_text(incident: Incident) -> str:
    names = "・".join(item.name for item in incident.data_items.all())
    if incident.data_items_note:
        return f"{names}（{incident.data_items_note}）" if names else incident.data_items_note
    return names


def _discoverer(incident: Incident) -> str:
    who = incident.get_discoverer_display() if incident.discoverer else ""
    if incident.discovered_by:
        who = f"{who}（{incident.discovered_by}）" if who else incident.discovered_by
    if incident.discovered_how:
        who = f"{who}　発見の方法: {incident.discovered_how}" if who else f"発見の方法: {incident.discovered_how}"
    return who


def _grounds(incident: Incident) -> tuple[str, bool]:
    if incident.report_pending:
        return "判定未了（未確認の事実があります）", True
    if not incident.report_required:
        return "報告対象外（報告規則の各号に当たらない）", False
    laws = "、".join(incident.law_labels)
    grounds = "、".join(incident.ground_labels) or "ガイドラインに基づく報告"
    return f"{laws}: {grounds}", False


def _cause(incident: Incident) -> tuple[str, bool]:
    kind = incident.get_cause_display() if incident.cause else ""
    text = " ".join(part for part in (f"［{kind}］" if kind else "", incident.cause_detail.strip()) if part)
    return text, not incident.cause_detail.strip() or incident.cause == "unknown"


def _secondary(incident: Incident) -> tuple[str, bool]:
    status = incident.secondary_damage_status
    label = incident.get_secondary_damage_status_display() if status else ""
    text = "　".join(part for part in (label, incident.secondary_damage.strip()) if part)
    return text, status in ("", "unknown")


def _notice(incident: Incident) -> tuple[str, bool]:
    if incident.notice_status == Incident.Notice.DONE:
        method = f"（{incident.notice_method}）" if incident.notice_method else ""
        return f"{wareki(incident.notice_date)}に本人へ通知済み{method}", False
    if incident.notice_status == Incident.Notice.EXEMPT:
        substitute = (f"　代替措置: {incident.get_substitute_measure_display()}"
                      if incident.substitute_measure else "")
        return (f"通知しない（{incident.get_notice_exemption_display()}）{incident.notice_exemption_reason}"
                f"{substitute}"), False
    return "未実施", True


def _publication(incident: Incident) -> tuple[str, bool]:
    if incident.published_on:
        note = f"　{incident.publication_note}" if incident.publication_note else ""
        return f"{wareki(incident.published_on)}に公表{note}", False
    if incident.publication_note:
        return f"未公表　{incident.publication_note}", False
    return "", True


def _measures(incident: Incident) -> tuple[str, bool]:
    measures = [m for m in incident.measures.all() if m.status != PreventiveMeasure.Status.CANCELLED]
    lines = []
    for measure in measures:
        status = measure.get_status_display()
        if measure.status == PreventiveMeasure.Status.DONE and measure.done_on:
            status += f"（{wareki(measure.done_on)}）"
        elif measure.due_date:
            status += f"（期限 {wareki(measure.due_date)}）"
        lines.append(f"{measure.label}{measure.description}　［{status}］")
    return "\n".join(lines), not measures


def draft_of(incident: Incident, stage: str) -> Draft:
    """The draft of ``stage`` ("preliminary" | "final") from the record as it stands."""
    if stage not in STAGES:
        raise ValueError(stage)
    due = incident.preliminary_due if stage == "preliminary" else incident.final_due
    kind = "・".join(part for part in (incident.get_kind_display() if incident.kind else "",
                                       incident.get_medium_display() if incident.medium else "") if part)
    contractor = (f"委託先: {incident.contractor_name or '（名称未記入）'}" if incident.contractor_involved
                  else "該当なし（本市の職員による取扱い）")
    persons = f"{incident.persons:,}人" + ("（概数・最大数）" if incident.persons_is_estimate else "")
    grounds, grounds_missing = _grounds(incident)
    values = [
        ("summary", "概要（発生事案）", incident.summary.strip(), not incident.summary.strip()),
        ("occurred_on", "発生日", wareki(incident.occurred_on) if incident.occurred_on else "",
         incident.occurred_on is None),
        ("learned_on", "発覚日（本市が知った日）", wareki(incident.learned_on), False),
        ("discovered_at", "発見日時", _when(incident.discovered_at), incident.discovered_at is None),
        ("discovered_by", "発見者", _discoverer(incident), not (incident.discoverer or incident.discovered_by)),
        ("kind", "事案の種類・媒体", kind, not incident.kind),
        ("grounds", "報告の根拠（該当号）", grounds, grounds_missing),
        ("contractor", "委託元・委託先", contractor,
         incident.contractor_involved and not incident.contractor_name),
        ("learned_how", "経緯（発覚の経緯）", incident.learned_how.strip(), not incident.learned_how.strip()),
        ("data_items", "漏えい等が発生し、又は発生したおそれがある保有個人情報の項目", _items_text(incident),
         not _items_text(incident)),
        ("persons", "本人の数", persons, incident.persons <= 0),
        ("cause", "原因", *_cause(incident)),
        ("secondary_damage", "二次被害又はそのおそれの有無及びその内容", *_secondary(incident)),
        ("notice_to_persons", "本人への対応の実施状況", *_notice(incident)),
        ("publication", "公表の実施状況", *_publication(incident)),
        ("measures", "再発防止のための措置", *_measures(incident)),
        ("other", "その他参考となる事項（発生時の対応）", incident.initial_response.strip(), False),
    ]
    items = [DraftItem(key, label, value, bool(missing)) for key, label, value, missing in values]
    return Draft(incident, stage, due, items)
