"""Old dates (issue 20 §3): a 1900 date is refused where it is implausible, shown in 和暦 where it is kept,
and never turns a list into a 500 for everyone."""

from datetime import date

from hogokan.incidents.models import NearMiss
from hogokan.registers import services as registers


def test_near_miss_dated_1900_is_refused_with_a_japanese_message(client_for, town):
    client = client_for("staff")
    response = client.post("/incidents/near-misses/new/", {"title": "古い日付", "occurred_on": "1900-01-01",
                                                            "description": "入力の誤り"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "発生日に昭和64年1月1日より前の日付は入力できません。" in page
    assert "入力の誤り" in page  # what was typed is kept
    assert not NearMiss.objects.exists()


def test_future_and_unreadable_dates_are_refused_in_the_first_report(client_for, town):
    client = client_for("staff")
    for typed, message in (("2999-01-01", "判明日に未来の日付は入力できません。"),
                           ("令和100年13月1日", "判明日は「2027-04-01」のように年-月-日で入力してください。")):
        response = client.post("/incidents/new/", {"title": "誤送付", "unit": town.citizens.pk, "learned_on": typed,
                                                   "persons": "1"})
        assert response.status_code == 200 and message in response.content.decode()


def test_the_first_report_reads_a_wareki_date(client_for, town):
    response = client_for("staff").post("/incidents/new/", {"title": "誤送付", "unit": town.citizens.pk,
                                                            "learned_on": "令和7年6月2日", "persons": "1"})
    assert response.status_code == 302
    assert town.citizens.incidents.get().learned_on == date(2025, 6, 2)


def test_lists_with_an_old_near_miss_answer_for_everyone(client_for, town):
    # A row stored before the range existed (or by the admin site): the pages must still render.
    NearMiss.objects.create(title="昔の事例", occurred_on=date(1900, 1, 1), description="古い記録")
    for role in ("staff", "outsider", "chief", "auditor"):
        client = client_for(role)
        listing = client.get("/incidents/near-misses/")
        assert listing.status_code == 200, role
        assert "明治33年1月1日" in listing.content.decode()
        assert client.get("/incidents/search/?q=昔の事例").status_code == 200, role


def test_api_refuses_an_old_first_report_date(client_for, town):
    client = client_for("staff")
    response = client.post("/api/v1/incidents", {"title": "誤送付", "unit": town.citizens.pk,
                                                 "learned_on": "0445-11-02", "persons": 1},
                           content_type="application/json")
    assert response.status_code == 400
    assert "learned_on" in response.json()["errors"]


def test_affair_started_in_1900_is_kept_and_shown_in_meiji(client_for, town):
    affair = registers.affair_start(actor=town.user("chief"), organ=town.mayor, unit=town.citizens,
                                    name="旧戸籍事務", started_on=date(1900, 1, 1))
    for role in ("chief", "officer", "staff"):
        listing = client_for(role).get("/registers/affairs/")
        assert listing.status_code == 200, role
        assert "明治33年1月1日" in listing.content.decode()
    assert "明治33年1月1日" in client_for("chief").get(f"/registers/affairs/{affair.pk}/").content.decode()
