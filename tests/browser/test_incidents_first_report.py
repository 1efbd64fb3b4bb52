"""A staff member files the first facts in a minute; the section head sees it at once; a contractor
files one for its own contract and sees nothing else."""

from datetime import date

from playwright.sync_api import expect

from hogokan.core.models import Notification
from hogokan.incidents.models import Incident
from hogokan.outsourcing import services as contract_services
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD


def test_staff_first_report_and_contractor_scope(page, live_server, town):
    contract = contract_services.contract_save(
        actor=town.user("chief"), title="窓口業務委託", unit=town.citizens, contractor_name="株式会社サンプル情報",
        period_start=date(2025, 4, 1), period_end=date(2027, 3, 31), contractor_people=[town.people["contractor"]])
    contract_services.contract_save(
        actor=town.user("chief"), title="国保システム保守", unit=town.pension, contractor_name="別会社",
        period_start=date(2025, 4, 1), period_end=date(2027, 3, 31))

    log_in(page, live_server, "staff", PASSWORD)
    page.goto(f"{live_server.url}/incidents/")
    page.get_by_role("link", name="事故を報告（第一報）").first.click()
    page.get_by_label("何が起きたか（件名）").fill("窓あき封筒での誤送付")
    expect(page.get_by_label("発生部署")).to_have_value(str(town.citizens.pk))  # own section preselected
    page.get_by_label("判明日").fill("2025-10-01")
    page.locator("#id_persons").fill("0")
    page.get_by_role("button", name="第一報を送る").click()
    expect(page.locator(".messages")).to_contain_text("第一報を受け付けました")
    expect(page.locator("#decision")).to_contain_text("報告は不要です")
    staff_incident = Incident.objects.get(title="窓あき封筒での誤送付")
    assert Notification.objects.filter(recipient=town.user("officer"), subject__contains="窓あき封筒").exists()
    page.get_by_role("button", name="ログアウト").click()

    log_in(page, live_server, "contractor", PASSWORD)
    page.goto(f"{live_server.url}/incidents/new/")
    options = page.locator("#id_contract option")
    expect(options).to_have_count(2)  # the empty choice and the own contract only
    page.get_by_label("何が起きたか（件名）").fill("受託者での書類紛失")
    page.get_by_label("委託").select_option(label=str(contract))
    page.get_by_label("判明日").fill("2025-10-02")
    page.locator("#id_persons").fill("150")
    page.get_by_label("本人の数は概数（最大数）").check()
    page.get_by_role("button", name="第一報を送る").click()
    expect(page.locator("#decision")).to_contain_text("報告が必要です")
    expect(page.locator("#decision")).to_contain_text("最大数")
    filed = Incident.objects.get(title="受託者での書類紛失")
    assert filed.unit == town.citizens and filed.contract == contract
    page.goto(f"{live_server.url}/incidents/")
    expect(page.get_by_role("link", name="受託者での書類紛失")).to_be_visible()
    expect(page.get_by_role("link", name="窓あき封筒での誤送付")).to_have_count(0)
    response = page.goto(f"{live_server.url}/incidents/{staff_incident.pk}/")
    assert response.status == 404
    page.goto(f"{live_server.url}/outsourcing/")
    expect(page.get_by_role("link", name="窓口業務委託")).to_be_visible()
    expect(page.get_by_role("link", name="国保システム保守")).to_have_count(0)
