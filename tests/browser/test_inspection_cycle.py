"""One monthly cycle as people do it: the worker generates the campaign, the officer answers with
one ×, enters the corrective action and submits, the manager approves, the aggregate shows the ×."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from hogokan.core.jobs import run_due_jobs
from hogokan.inspections.models import Campaign, CorrectiveAction, InspectionResponse
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD


def test_monthly_cycle(page, live_server, town):
    run_due_jobs()  # the worker creates this month's campaign for every section
    today = timezone.localdate()
    campaign = Campaign.objects.get(year=today.year, month=today.month)
    response = campaign.responses.get(unit=town.citizens)
    items = list(campaign.template.items.order_by("order"))
    ng_item = items[1]  # ② 送付・送信

    log_in(page, live_server, "officer", PASSWORD)
    page.goto(f"{live_server.url}/inspections/")
    page.get_by_role("link", name=campaign.title).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(campaign.title)
    for item in items:
        page.locator(f"#i{item.pk}-{'ng' if item == ng_item else 'ok'}").check()
    page.locator(f"#i{ng_item.pk}-remark").fill("宛先の二重確認が徹底されていなかった")
    page.locator(f"#i{ng_item.pk}-description").fill("送付前の二人確認を課内ルールにする")
    page.locator(f"#i{ng_item.pk}-assignee").select_option(label="担当 四郎")
    page.locator(f"#i{ng_item.pk}-due").fill((today + timedelta(days=30)).isoformat())
    page.get_by_role("button", name="提出").click()
    # 提出 cannot be undone: a plain confirmation page asks once, with nothing saved yet
    expect(page.get_by_role("heading", level=1)).to_have_text("提出の確認")
    page.get_by_role("button", name="提出する").click()
    expect(page.locator(".messages")).to_contain_text("提出")
    response.refresh_from_db()
    assert response.status == InspectionResponse.Status.SUBMITTED
    action = CorrectiveAction.objects.get(response=response)
    assert action.description == "送付前の二人確認を課内ルールにする" and action.assignee == town.people["staff"]
    page.get_by_role("button", name="ログアウト").click()

    log_in(page, live_server, "manager", PASSWORD)
    page.goto(f"{live_server.url}/inspections/responses/{response.pk}/")
    page.get_by_role("button", name="承認する").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("承認の確認")
    page.get_by_role("button", name="承認する").click()
    expect(page.locator(".messages")).to_contain_text("承認")
    response.refresh_from_db()
    assert response.status == InspectionResponse.Status.APPROVED
    page.get_by_role("button", name="ログアウト").click()

    log_in(page, live_server, "auditor", PASSWORD)
    page.goto(f"{live_server.url}/inspections/results/campaigns/{campaign.pk}/?by=section")
    items_table = page.locator("table", has=page.locator("th", has_text="×の割合")).first
    row = items_table.locator("tbody tr", has=page.locator("th", has_text=ng_item.number))
    expect(row.locator("td").nth(3)).to_have_text("1")  # the × column of item ②
    other = items_table.locator("tbody tr", has=page.locator("th", has_text=items[2].number))
    expect(other.locator("td").nth(3)).to_have_text("0")
    expect(page.get_by_text("市民課").first).to_be_visible()
