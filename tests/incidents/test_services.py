"""Incident services: the first report, the decision kept in step with the facts, timeline, reminders."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from hogokan.core.models import Notification, Reminder
from hogokan.incidents import services
from hogokan.incidents.models import Incident, PreventiveMeasure, TimelineEntry


def test_first_report_decides_notifies_and_reminds(town, incident):
    assert incident.number == "2025-001"
    assert incident.report_required and incident.report_grounds == ["sensitive"]
    assert incident.preliminary_due == date(2025, 6, 7) and incident.final_due == date(2025, 7, 1)
    recipients = set(Notification.objects.filter(subject__startswith="【事故の第一報】")
                     .values_list("recipient__username", flat=True))
    assert {"officer", "chief", "manager"} <= recipients
    keys = set(Reminder.objects.values_list("key", flat=True))
    assert {f"incidents.incident:{incident.pk}:preliminary", f"incidents.incident:{incident.pk}:final"} <= keys
    assert "第一報を受付" in incident.timeline.get().text


def test_changing_facts_recomputes_and_logs(town, incident, items):
    services.incident_update(actor=town.user("officer"), incident=incident, data_items=[items["氏名"]], persons=150,
                             persons_is_estimate=True, malicious=True)
    incident.refresh_from_db()
    assert incident.report_grounds == ["malicious", "over_100"]
    assert incident.final_due == date(2025, 7, 31)
    texts = [entry.text for entry in incident.timeline.all()]
    assert any("本人の数: 2 → 150" in text for text in texts)
    assert any("報告要否を再判定" in text for text in texts)
    services.incident_update(actor=town.user("officer"), incident=incident, persons=5, malicious=False)
    incident.refresh_from_db()
    assert not incident.report_required
    assert not Reminder.objects.filter(key__startswith=f"incidents.incident:{incident.pk}:", resolved_at__isnull=True).exists()


def test_report_dates_resolve_reminders(town, incident):
    services.incident_update(actor=town.user("chief"), incident=incident, preliminary_reported_on=date(2025, 6, 4),
                             final_reported_on=date(2025, 6, 30))
    assert not Reminder.objects.filter(key__startswith=f"incidents.incident:{incident.pk}:", resolved_at__isnull=True).exists()


def test_report_dates_before_learning_are_refused(town, incident):
    with pytest.raises(ValidationError) as error:
        services.incident_update(actor=town.user("chief"), incident=incident, preliminary_reported_on=date(2025, 5, 1))
    assert "判明日以降" in str(error.value)


def test_closing_needs_final_report_notice_and_measures(town, incident):
    with pytest.raises(ValidationError) as error:
        services.incident_set_status(actor=town.user("officer"), incident=incident, status=Incident.Status.CLOSED)
    assert "確報" in str(error.value) and "本人への通知" in str(error.value)
    measure = services.measure_save(actor=town.user("officer"), incident=incident, description="二人で確認する",
                                    due_date=date(2025, 8, 1))
    assert measure.label == "①"
    services.incident_update(actor=town.user("chief"), incident=incident, final_reported_on=date(2025, 6, 30),
                             notice_status=Incident.Notice.DONE, notice_date=date(2025, 6, 3), notice_method="電話")
    with pytest.raises(ValidationError, match="再発防止策"):
        services.incident_set_status(actor=town.user("officer"), incident=incident, status=Incident.Status.CLOSED)
    services.measure_save(actor=town.user("officer"), incident=incident, measure=measure,
                          status=PreventiveMeasure.Status.DONE, done_on=date(2025, 7, 10))
    measure.refresh_from_db()
    assert measure.review_due == date(2026, 1, 10)  # HOGOKAN_MEASURE_REVIEW_MONTHS = 6
    services.incident_set_status(actor=town.user("officer"), incident=incident, status=Incident.Status.CLOSED)
    assert incident.timeline.filter(text__contains="完了").exists()
    with pytest.raises(ValidationError, match="事務局"):
        services.incident_set_status(actor=town.user("officer"), incident=incident, status=Incident.Status.RESPONDING)


def test_notice_exemption_needs_reason_and_substitute(town, incident):
    with pytest.raises(ValidationError) as error:
        services.incident_update(actor=town.user("officer"), incident=incident, notice_status=Incident.Notice.EXEMPT,
                                 notice_exemption=Incident.Exemption.DIFFICULT)
    assert "代替措置" in str(error.value) and "理由" in str(error.value)


def test_my_number_has_only_the_difficult_exemption(town, incident, items):
    services.incident_update(actor=town.user("officer"), incident=incident, data_items=[items["個人番号"]])
    with pytest.raises(ValidationError, match="特定個人情報"):
        services.incident_update(actor=town.user("officer"), incident=incident, notice_status=Incident.Notice.EXEMPT,
                                 notice_exemption=Incident.Exemption.ART78, notice_exemption_reason="通告を含む")


def test_manual_timeline_entry(town, incident):
    with pytest.raises(ValidationError):
        services.timeline_add(actor=town.user("staff"), incident=incident, text="  ")
    entry = services.timeline_add(actor=town.user("staff"), incident=incident, text="本人宅を訪問し回収した")
    assert entry.source == TimelineEntry.Source.MANUAL


def test_anonymous_near_miss_keeps_no_reporter(town):
    near_miss = services.near_miss_create(actor=town.user("staff"), title="宛名の取り違えに気付いた",
                                          occurred_on=date(2025, 5, 1), description="封入前に気付いた", anonymous=True)
    assert near_miss.reported_by is None
    assert near_miss.history.first().history_user is None


def test_future_learned_on_is_refused(town):
    with pytest.raises(ValidationError, match="未来"):
        services.incident_report(actor=town.user("staff"), title="x", unit=town.citizens,
                                 learned_on=date(2100, 1, 1), persons=1)


def test_catalogue_change_reaches_open_incidents_through_the_worker(town, pension_incident, items):
    from hogokan.incidents.jobs import recompute_open

    assert not pension_incident.report_required
    items["氏名"].property_risk = True  # an administrator re-marks an item
    items["氏名"].save()
    assert recompute_open(None) == "報告要否の再判定で変わった事案 1 件"
    pension_incident.refresh_from_db()
    assert pension_incident.report_grounds == ["property"]
    assert pension_incident.timeline.filter(text__contains="項目の区分又は設定の変更").exists()
    assert recompute_open(None) == "報告要否の再判定で変わった事案 0 件"


def test_worker_reminds_before_the_preliminary_and_final_dues(town, incident):
    from datetime import timedelta

    from hogokan.core.services import reminders_process

    reminders_process(incident.preliminary_due - timedelta(days=2))
    notes = Notification.objects.filter(subject__contains="速報", kind=Notification.Kind.REMINDER)
    assert {"officer", "chief"} <= set(notes.values_list("recipient__username", flat=True))
    reminders_process(incident.final_due + timedelta(days=1))
    escalated = Notification.objects.filter(subject__startswith="【期限超過】", subject__contains="確報")
    assert "manager" in set(escalated.values_list("recipient__username", flat=True))
