"""Writes of audit plans and on-site inspections (実地調査): actor and reason on every history row."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from hogokan.audits import rules, services
from hogokan.audits.models import AuditPlan, FieldVisit, Finding, FindingSource, GoodPractice
from hogokan.core.calendar import wareki_fiscal_year
from hogokan.core.history import link_change
from hogokan.core.services import save_with_history
from hogokan.core.workflow import transition
from hogokan.incidents import api as incidents_api
from hogokan.inspections import api as inspections_api
from hogokan.org.api import bureau_of, sections_on
from hogokan.org.models import Person, Role

PLAN_FIELDS = ("fiscal_year", "kind", "title", "theme", "survey_from", "survey_to", "document_from", "document_to",
               "onsite_from", "onsite_to")
V = FieldVisit.Status


@transaction.atomic
def plan_save(*, actor, plan: AuditPlan | None = None, units: Iterable | None = None,
              auditors: Iterable | None = None, **values) -> AuditPlan:
    """Register or change an audit plan; the target units are required, the auditors must hold the auditor role."""
    creating = plan is None
    plan = plan or AuditPlan()
    for name, value in values.items():
        if name not in PLAN_FIELDS:
            raise TypeError(f"unknown plan field {name}")
        setattr(plan, name, value)
    units = list(units) if units is not None else (None if not creating else [])
    if units is not None and not units:
        raise ValidationError({"units": "対象課を1つ以上選んでください。"})
    auditors = list(auditors) if auditors is not None else None
    if auditors:
        holders = set(Person.objects.filter(pk__in=[p.pk for p in auditors], assignments__role=Role.AUDITOR)
                      .values_list("pk", flat=True))
        strangers = [p.name for p in auditors if p.pk not in holders]
        if strangers:
            raise ValidationError({"auditors": f"監査担当の役割を持たない職員は選べません（{'、'.join(strangers)}）。"})
    plan.full_clean()
    changes = []
    if units is not None:
        before = [] if creating else sorted(u.name for u in plan.units.all())
        changes.append(link_change("対象課", before, sorted(u.name for u in units)))
    if auditors is not None:
        before = [] if creating else sorted(p.name for p in plan.auditors.all())
        changes.append(link_change("監査担当", before, sorted(p.name for p in auditors)))
    changes = [c for c in changes if c]
    base = "監査計画の登録" if creating else "監査計画の変更"
    save_with_history(plan, actor, f"{base}（{'／'.join(changes)}）" if changes else base, validate=False)
    if units is not None:
        plan.units.set(units)
    if auditors is not None:
        plan.auditors.set(auditors)
    return plan


def onsite_source(*, actor, fiscal_year: int) -> FindingSource:
    """The findings source of a year's on-site inspections (one per year, made on the first finding)."""
    source = FindingSource.objects.filter(kind=FindingSource.Kind.ONSITE, fiscal_year=fiscal_year,
                                          plan__isnull=True).order_by("pk").first()
    if source is None:
        source = services.source_save(actor=actor, kind=FindingSource.Kind.ONSITE, fiscal_year=fiscal_year,
                                      title=f"{wareki_fiscal_year(fiscal_year)} 実地調査")
    return source


def candidates(fiscal_year: int, day: date) -> dict[int, list[rules.Candidate]]:
    """Every section existing on ``day``, by bureau, with what the proposal weighs."""
    sections = list(sections_on(day))
    ids = [unit.pk for unit in sections]
    crosses = inspections_api.cross_counts(ids, fiscal_year)
    incidents = incidents_api.incident_counts_by_unit(fiscal_year)
    last_visit: dict[int, int] = {}
    for unit_id, year in (FieldVisit.objects.filter(status=V.RECORDED, fiscal_year__lt=fiscal_year)
                          .values_list("unit_id", "fiscal_year")):
        last_visit[unit_id] = max(year, last_visit.get(unit_id, year))
    bureaus: dict[int, list[rules.Candidate]] = defaultdict(list)
    for unit in sections:
        bureaus[bureau_of(unit).pk].append(rules.Candidate(unit.pk, unit.code, last_visit.get(unit.pk),
                                                           crosses.get(unit.pk, 0), incidents.get(unit.pk, 0)))
    return bureaus


@transaction.atomic
def visits_propose(*, actor, fiscal_year: int, day: date, plan: AuditPlan | None = None) -> list[FieldVisit]:
    """Add the proposed sections of the year (those already in the year's list stay as they are)."""
    taken = set(FieldVisit.objects.filter(fiscal_year=fiscal_year).values_list("unit_id", flat=True))
    created = []
    for candidate in rules.propose(candidates(fiscal_year, day), fiscal_year):
        if candidate.unit_id in taken:
            continue
        visit = FieldVisit(fiscal_year=fiscal_year, unit_id=candidate.unit_id, plan=plan,
                           reason=rules.reason(candidate, fiscal_year))
        created.append(save_with_history(visit, actor, "実地調査の候補（自動の提案）"))
    return created


@transaction.atomic
def visit_add(*, actor, fiscal_year: int, unit, plan: AuditPlan | None = None, reason: str = "") -> FieldVisit:
    """The office adds a section to the year's visits by hand."""
    visit = FieldVisit(fiscal_year=fiscal_year, unit=unit, plan=plan, reason=reason or "事務局が追加")
    visit.full_clean()
    return save_with_history(visit, actor, "実地調査の候補に追加", validate=False)


@transaction.atomic
def visit_cancel(*, actor, visit: FieldVisit, reason: str) -> FieldVisit:
    return transition(visit, actor=actor, to=V.CANCELLED, allowed=[V.PROPOSED], action="実地調査の取りやめ",
                      reason=reason, reason_required=True, reason_message="取りやめる理由を入力してください。")


@transaction.atomic
def visit_record(*, actor, visit: FieldVisit, visited_on: date, inspectors: str, rating: str,
                 summary: str = "") -> FieldVisit:
    """The record of the visit: 調査日, 調査員, 総合評価 ◎○△×, 所見 (again while it is 実施済み: a correction)."""
    if visit.status == V.RECORDED:
        visit.visited_on, visit.inspectors, visit.rating, visit.summary = visited_on, inspectors, rating, summary
        return save_with_history(visit, actor, "実地調査の記録の修正")
    return transition(visit, actor=actor, to=V.RECORDED, allowed=[V.PROPOSED], action="実地調査の記録",
                      changes={"visited_on": visited_on, "inspectors": inspectors.strip(), "rating": rating,
                               "summary": summary}, validate=True)


@transaction.atomic
def visit_finding_add(*, actor, visit: FieldVisit, category: str, text: str,
                      due_date: date | None = None) -> Finding:
    """改善指摘事項 of a visit: a follow-up item of the visited section (source: the year's 実地調査)."""
    if visit.status != V.RECORDED:
        raise ValidationError("実地調査を記録してから指摘事項を追加してください。")
    source = onsite_source(actor=actor, fiscal_year=visit.fiscal_year)
    finding = services.finding_save(actor=actor, source=source, units=[visit.unit], category=category, text=text,
                                    due_date=due_date, reason=f"実地調査（{visit.unit.name}）の指摘事項")
    finding.visit = visit
    return save_with_history(finding, actor, "実地調査との関連付け", validate=False)


@transaction.atomic
def practice_add(*, actor, visit: FieldVisit, category: str, text: str) -> GoodPractice:
    if visit.status != V.RECORDED:
        raise ValidationError("実地調査を記録してから良い取組を追加してください。")
    if not (text or "").strip():
        raise ValidationError({"text": "良い取組の内容を入力してください。"})
    practice = GoodPractice(visit=visit, category=category, text=text.strip())
    return save_with_history(practice, actor, "良い取組の登録")
