from tests.conftest import assert_statuses


def test_dashboard_needs_login(client, town):
    response = client.get("/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_every_role_reaches_its_dashboard(client_for):
    assert_statuses(client_for, "get", "/", {role: 200 for role in
                    ("admin", "chief", "manager", "officer", "officer2", "staff", "auditor", "contractor", "outsider")})


def test_notification_read_refuses_foreign_redirects(client_for, town):
    from hogokan.core.services import notification_send

    note = notification_send(recipients=[town.user("staff")], subject="テスト", url="//evil.example/")[0]
    client = client_for("staff")
    for back in ("https://evil.example/", "//evil.example/", "/\\evil.example/"):
        response = client.post(f"/notifications/{note.pk}/read/", {"back": back, "open": "1"})
        assert response.status_code == 302
        assert response["Location"] == "/notifications/", back
    response = client.post(f"/notifications/{note.pk}/read/", {"back": "/org/units/"})
    assert response["Location"] == "/org/units/"


def test_user_cannot_mark_someone_elses_notification(client_for, town):
    from hogokan.core.services import notification_send

    note = notification_send(recipients=[town.user("officer")], subject="他人宛て")[0]
    assert client_for("staff").post(f"/notifications/{note.pk}/read/").status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_dashboard_lists_unsubmitted_inspection_and_open_action(client_for, town):
    from datetime import date

    from hogokan.inspections import services
    from hogokan.inspections.models import Campaign

    campaign = services.campaign_create(actor=None, kind=Campaign.Kind.MONTHLY, year=2026, month=11,
                                        units=[town.citizens, town.pension])
    body = client_for("staff").get("/").content.decode()
    assert "令和8年11月 情報に関する点検（市民課）未提出" in body
    assert "保険年金課" not in body  # another section's task is not shown
    response = campaign.responses.get(unit=town.citizens)
    answers = {key: ("○", "") for key, _item in services.response_items(response)}
    key = next(iter(answers))
    answers[key] = ("×", "")
    services.response_save(actor=None, response=response, answers=answers, actions={
        key: services.ActionInput("アクセス権を見直す", town.people["staff"], date(2026, 12, 10))})
    services.response_submit(actor=town.user("officer"), response=response)
    body = client_for("officer").get("/").content.decode()
    assert "是正措置 項目①（市民課）: アクセス権を見直す" in body
    assert "未提出" not in body
    assert "確認待ちの点検結果 1 件" in client_for("manager").get("/").content.decode()
    assert "令和8年11月 情報に関する点検（保険年金課）未提出" in client_for("officer2").get("/").content.decode()
    assert "対応が必要な業務はありません。" in client_for("outsider").get("/").content.decode()


def test_dashboard_shows_due_and_overdue_notifications_in_wareki(client_for, town):
    from datetime import timedelta

    from django.utils import timezone

    from hogokan.core.services import notification_send

    today = timezone.localdate()
    notification_send(recipients=[town.user("officer")], subject="確報の期限が過ぎています", due_date=today - timedelta(days=1))
    notification_send(recipients=[town.user("officer")], subject="速報の目安が近づいています", due_date=today + timedelta(days=2))
    page = client_for("officer").get("/").content.decode()
    overdue = page.split('id="overdue-title"')[1].split("</section>")[0]
    upcoming = page.split('id="upcoming-title"')[1].split("</section>")[0]
    assert "確報の期限が過ぎています" in overdue and "令和" in overdue
    assert "速報の目安が近づいています" in upcoming


def test_overdue_work_comes_first_and_keeps_the_module_order(client_for, monkeypatch):
    from datetime import date
    from types import SimpleNamespace

    from hogokan.core.dashboard import DueItem
    from hogokan.site import views

    def source(*items):
        return SimpleNamespace(dashboard_items=lambda actor, today: list(items))

    monkeypatch.setattr(views, "DASHBOARD_SOURCES", (
        source(DueItem("確報の提出（期限内）", "/incidents/1/", date(2099, 1, 1), False),
               DueItem("確報の提出（期限超過）", "/incidents/2/", date(2000, 1, 1), True)),
        source(DueItem("点検の提出（期限内）", "/inspections/1/", date(2099, 1, 1), False),
               DueItem("点検の提出（期限超過）", "/inspections/2/", date(2000, 1, 1), True)),
    ))
    page = client_for("officer").get("/").content.decode()
    overdue = page.split('id="overdue-title"')[1].split("</section>")[0]
    later = page.split('id="work-title"')[1].split("</section>")[0]
    assert overdue.index("確報の提出（期限超過）") < overdue.index("点検の提出（期限超過）")
    assert later.index("確報の提出（期限内）") < later.index("点検の提出（期限内）")
    assert page.index('id="overdue-title"') < page.index('id="work-title"')


def test_one_definition_of_overdue_and_two_weeks_for_every_section(client_for, town, monkeypatch):
    """Work and reminders on each side of each boundary land in the same section (issue 12 §4)."""
    from datetime import timedelta
    from types import SimpleNamespace

    from django.utils import timezone

    from hogokan.core.dashboard import DueItem
    from hogokan.core.services import notification_send
    from hogokan.site import views

    today = timezone.localdate()
    days = {"昨日": -1, "今日": 0, "14日後": 14, "15日後": 15}
    work = [DueItem(f"業務（{name}）", "/x/", today + timedelta(days=offset)) for name, offset in days.items()]
    monkeypatch.setattr(views, "DASHBOARD_SOURCES", (SimpleNamespace(dashboard_items=lambda actor, day: work),))
    for name, offset in days.items():
        notification_send(recipients=[town.user("officer")], subject=f"通知（{name}）", due_date=today + timedelta(days=offset))
    page = client_for("officer").get("/").content.decode()
    sections = {key: page.split(f'id="{key}-title"')[1].split("</section>")[0] for key in ("overdue", "upcoming", "work")}
    expected = {"昨日": "overdue", "今日": "upcoming", "14日後": "upcoming", "15日後": "work"}
    for name, section in expected.items():
        for kind in ("業務", "通知"):
            found = [key for key, html in sections.items() if f"{kind}（{name}）" in html]
            assert found == [section], (kind, name, found)
    assert "期限を過ぎたものはありません" not in sections["overdue"]
