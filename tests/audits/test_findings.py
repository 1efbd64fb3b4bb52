"""Findings and their follow-up: register, scope, progress, 完了報告 → 済み (the office), 差戻し, reminders."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hogokan.audits import services
from hogokan.audits.models import Finding, FindingProgress
from hogokan.core.models import Attachment, Reminder
from hogokan.core.services import reminder_key, reminders_process

pytestmark = pytest.mark.django_db


def test_a_finding_without_a_unit_is_refused_and_nothing_is_written(town, ppc_source):
    with pytest.raises(ValidationError) as error:
        services.finding_save(actor=town.user("chief"), source=ppc_source, units=[], text="施錠していなかった。")
    assert "担当課を1つ以上選んでください" in str(error.value)
    assert not Finding.objects.exists()


def test_the_form_without_a_unit_shows_the_error_and_writes_nothing(client_for, ppc_source):
    client = client_for("chief")
    response = client.post(reverse("audits:finding_create"), {"source": ppc_source.pk, "text": "施錠していなかった。"})
    assert response.status_code == 200
    assert "担当課を1つ以上選んでください" in response.content.decode()
    assert not Finding.objects.exists()


def test_the_office_registers_a_finding_numbered_after_the_last(client_for, town, finding):
    client = client_for("chief")
    response = client.post(reverse("audits:finding_create"), {
        "source": finding.source.pk, "text": "サーバラックが施錠されていなかった。", "units": [town.citizens.pk, town.pension.pk],
        "category": "サーバーの管理"})
    created = Finding.objects.exclude(pk=finding.pk).get()
    assert response.status_code == 302 and response["Location"] == reverse("audits:finding_detail", args=[created.pk])
    assert created.number == 2 and set(created.units.all()) == {town.citizens, town.pension}
    assert created.history.first().history_change_reason.startswith("指摘事項の登録（担当課:")


def test_a_number_taken_in_the_source_is_refused(town, finding):
    with pytest.raises(ValidationError, match="項番1はこの出典で既に使われています"):
        services.finding_save(actor=town.user("chief"), source=finding.source, units=[town.pension], number=1,
                              text="別の指摘")


def test_a_section_sees_only_the_findings_naming_it(client_for, finding, pension_finding):
    page = client_for("officer").get(reverse("audits:finding_list")).content.decode()
    assert "研修の受講状況" in page and "長期休職者" not in page
    assert client_for("officer").get(reverse("audits:finding_detail", args=[pension_finding.pk])).status_code == 404
    every = client_for("auditor").get(reverse("audits:finding_list")).content.decode()
    assert "研修の受講状況" in every and "長期休職者" in every
    assert client_for("contractor").get(reverse("audits:finding_list")).status_code == 403


def test_the_section_head_records_progress_and_reports_done(client_for, finding):
    client = client_for("officer")
    url = reverse("audits:finding_progress", args=[finding.pk])
    response = client.post(url, {"recorded_on": "2026-10-01", "text": "J-LIS研修の受講者名簿を集約した。",
                                 "response": "受講状況を各室から報告させることとする。"})
    assert response.status_code == 302
    entry = FindingProgress.objects.get()
    assert entry.recorded_on == date(2026, 10, 1) and entry.recorded_by.username == "officer"
    finding.refresh_from_db()
    assert finding.response == "受講状況を各室から報告させることとする。"
    report = reverse("audits:finding_report", args=[finding.pk])
    assert "完了を報告します" in client.post(report).content.decode()  # asks once
    client.post(report, {"confirmed": "1"})
    finding.refresh_from_db()
    assert finding.status == Finding.Status.REPORTED and finding.reported_on is not None
    assert Reminder.objects.get(key=reminder_key(finding, "due")).resolved_at is not None


def test_progress_without_text_or_with_a_future_date_writes_nothing(client_for, finding):
    client = client_for("officer")
    url = reverse("audits:finding_progress", args=[finding.pk])
    page = client.post(url, {"recorded_on": "2026-10-01", "text": ""}).content.decode()
    assert "対応の経過を入力してください" in page
    page = client.post(url, {"recorded_on": "2099-01-01", "text": "予定"}).content.decode()
    assert "未来の日付は入力できません" in page
    assert not FindingProgress.objects.exists()


def test_only_the_office_confirms_and_done_needs_a_response(client_for, town, finding):
    assert client_for("officer").post(reverse("audits:finding_confirm", args=[finding.pk]),
                                      {"confirmed": "1"}).status_code == 403
    assert client_for("auditor").post(reverse("audits:finding_confirm", args=[finding.pk]),
                                      {"confirmed": "1"}).status_code == 403
    client = client_for("chief")
    page = client.post(reverse("audits:finding_confirm", args=[finding.pk]), {"confirmed": "1"}, follow=True)
    assert "対応内容のない指摘事項は済みにできません" in page.content.decode()
    finding.refresh_from_db()
    assert finding.status == Finding.Status.OPEN
    services.progress_add(actor=town.user("officer"), finding=finding, recorded_on=date(2026, 10, 1),
                          text="報告させた", response="受講状況を報告させる。")
    services.finding_report_done(actor=town.user("officer"), finding=finding)
    client.post(reverse("audits:finding_confirm", args=[finding.pk]), {"confirmed": "1"})
    finding.refresh_from_db()
    assert finding.status == Finding.Status.DONE and finding.confirmed_by == town.user("chief")
    assert finding.history.first().history_change_reason == "済み（事務局の確認）"


def test_the_office_returns_a_report_with_a_reason(client_for, town, finding):
    services.progress_add(actor=town.user("officer"), finding=finding, recorded_on=date(2026, 10, 1),
                          text="報告させた", response="受講状況を報告させる。")
    services.finding_report_done(actor=town.user("officer"), finding=finding)
    client = client_for("chief")
    page = client.post(reverse("audits:finding_return", args=[finding.pk]), {"comment": ""}).content.decode()
    assert "差し戻す理由を入力してください" in page
    client.post(reverse("audits:finding_return", args=[finding.pk]), {"comment": "証拠の名簿を添付してください"})
    finding.refresh_from_db()
    assert finding.status == Finding.Status.OPEN and finding.reported_on is None
    assert Reminder.objects.get(key=reminder_key(finding, "due")).resolved_at is not None
    assert Reminder.objects.get(key=reminder_key(finding, "due", "reopened-1")).resolved_at is None


def test_the_auditor_reads_but_does_not_follow_up(client_for, finding):
    client = client_for("auditor")
    assert client.get(reverse("audits:finding_detail", args=[finding.pk])).status_code == 200
    assert client.post(reverse("audits:finding_progress", args=[finding.pk]),
                       {"recorded_on": "2026-10-01", "text": "x"}).status_code == 403
    assert client.get(reverse("audits:finding_edit", args=[finding.pk])).status_code == 200  # an audit record
    assert client_for("officer").get(reverse("audits:finding_edit", args=[finding.pk])).status_code == 403


def test_evidence_files_are_added_by_the_responsible_section(client_for, finding):
    from django.contrib.contenttypes.models import ContentType

    url = reverse("core:attachment_upload", args=[ContentType.objects.get_for_model(Finding).pk, finding.pk])
    client_for("officer").post(url, {"file": SimpleUploadedFile("受講名簿.pdf", b"%PDF-1.4 names")})
    assert Attachment.objects.get().original_name == "受講名簿.pdf"
    assert client_for("officer2").post(url, {"file": SimpleUploadedFile("x.pdf", b"%PDF")}).status_code == 404
    assert client_for("auditor").post(url, {"file": SimpleUploadedFile("x.pdf", b"%PDF")}).status_code == 403


def test_reminders_before_the_due_date_and_escalation_after(town, finding):
    reminder = Reminder.objects.get(key=reminder_key(finding, "due"))
    assert list(reminder.recipients.all()) == [town.user("officer")]
    assert set(reminder.escalate_to.all()) == {town.user("manager"), town.user("chief")}
    reminders_process(date(2027, 3, 24))
    assert town.user("officer").notifications.filter(subject__contains="指摘事項への対応の期限").exists()
    reminders_process(date(2027, 4, 2))
    assert town.user("chief").notifications.filter(subject__startswith="【期限超過】").exists()


def test_the_overview_counts_open_findings_by_unit(client_for, finding, pension_finding):
    page = client_for("chief").get(reverse("audits:overview")).content.decode()
    assert "市民課" in page and "保険年金課" in page
    own = client_for("officer").get(reverse("audits:overview")).content.decode()
    assert "市民課" in own and "保険年金課" not in own
    response = client_for("chief").get(reverse("audits:overview") + "?format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_overview_agrees_with_the_naive_loop_at_the_age_boundaries(town, ppc_source):
    from datetime import timedelta

    from django.utils import timezone

    from hogokan.audits.views_findings import naive_open_overview, open_overview
    from hogokan.org.access import actor_for

    today = timezone.localdate()
    for number, days in enumerate((0, 89, 90, 179, 180, 364, 365, 800), start=1):
        finding = services.finding_save(actor=town.user("chief"), source=ppc_source, number=number, text=f"指摘{number}",
                                        units=[town.citizens, town.pension] if number % 2 else [town.citizens],
                                        due_date=today - timedelta(days=1) if number % 3 == 0 else None)
        Finding.objects.filter(pk=finding.pk).update(created_at=timezone.now() - timedelta(days=days))
    chief = actor_for(town.user("chief"))
    fast, naive = open_overview(chief, today), naive_open_overview(chief, today)
    assert list(fast.rows) == list(naive.rows)
    assert sorted(fast.rows) == sorted([["市民課", 2, 2, 2, 2, 8, 2], ["保険年金課", 1, 1, 1, 1, 4, 1]])
