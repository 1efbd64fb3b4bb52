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
    # The facts the decision needs start as 「分からない」: a first report never concludes 報告不要 from them.
    expect(page.get_by_role("group", name="要配慮個人情報（病歴・障害・犯罪の経歴など）を含むか")
           .get_by_label("分からない")).to_be_checked()
    page.get_by_role("button", name="第一報を送る").click()
    expect(page.locator(".messages")).to_contain_text("第一報を受け付けました")
    expect(page.locator("#decision")).to_contain_text("判定未了")
    expect(page.locator("#decision")).not_to_contain_text("報告は不要です")
    staff_incident = Incident.objects.get(title="窓あき封筒での誤送付")
    note = Notification.objects.get(recipient=town.user("officer"), subject__contains="窓あき封筒")
    assert "判定未了" in note.body and "報告不要" not in note.body
    # the section answers the questions: then (and only then) the verdict is 報告不要
    page.goto(f"{live_server.url}/incidents/{staff_incident.pk}/edit/")
    for question in ("要配慮個人情報（病歴・障害・犯罪の経歴など）を含むか", "個人番号（マイナンバー）を含むか",
                     "財産的被害のおそれ（口座番号・クレジットカード番号など）があるか",
                     "不正の目的（不正アクセス・盗難・持出しなど）によるおそれがあるか"):
        page.get_by_role("group", name=question).get_by_label("いいえ").check()
    page.get_by_role("button", name="保存").click()
    expect(page.locator("#decision")).to_contain_text("報告は不要です")
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
