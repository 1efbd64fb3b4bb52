"""/inspections/section-items/: the 個別点検項目 a section's officer adds to its own checklist."""

from __future__ import annotations

from django.urls import reverse

from hogokan.inspections import services
from hogokan.inspections.models import SectionItem
from tests.conftest import assert_statuses

LIST = "inspections:section_items"
NEW_ITEM = {"number": "個1", "category": "窓口対応", "text": "窓口の記載台に申請書の書き損じを放置していないか",
            "dash_allowed": "on"}


def text(response) -> str:
    return response.content.decode()


def citizens_url(town) -> str:
    return f"{reverse(LIST)}?unit={town.citizens.pk}"


def add_item(town, number="個1", text="窓口の記載台に申請書の書き損じを放置していないか") -> SectionItem:
    return services.section_item_add(actor=town.user("officer"), unit=town.citizens, number=number, text=text)


def test_officer_sees_the_own_sections_items_and_the_add_form(client_for, town):
    add_item(town)
    body = text(client_for("officer").get(reverse(LIST)))
    assert "市民課" in body and "窓口の記載台" in body and "項目を追加" in body and "使用を終了" in body


def test_officer_adds_an_item_and_it_appears_on_the_response_form(client_for, town, citizens_response):
    client = client_for("officer")
    response = client.post(reverse(LIST), NEW_ITEM, follow=True)
    assert "個別点検項目「個1」を追加しました。" in text(response)
    item = SectionItem.objects.get(unit=town.citizens)
    assert item.category == "窓口対応" and item.dash_allowed and item.active
    body = text(client.get(reverse("inspections:response", args=[citizens_response.pk])))
    assert "個別点検項目" in body and f'name="s{item.pk}"' in body and f'id="s{item.pk}-na"' in body


def test_bad_inputs_show_japanese_errors_and_keep_what_was_typed(client_for, town):
    add_item(town)
    client = client_for("officer")
    response = client.post(reverse(LIST), {"number": "", "category": "窓口対応", "text": ""})
    body = text(response)
    assert response.status_code == 200
    assert "番号を入力してください。" in body and "点検項目を入力してください。" in body and 'value="窓口対応"' in body
    response = client.post(reverse(LIST), {"number": "個1", "text": "別の項目"})
    body = text(response)
    assert "番号「個1」はこの課の個別点検項目ですでに使われています。" in body and "別の項目" in body
    response = client.post(reverse(LIST), {"number": "12345678901", "text": "長い番号"})
    assert "番号は10文字以内で入力してください。" in text(response)
    assert SectionItem.objects.count() == 1


def test_staff_reads_but_may_not_add(client_for, town):
    add_item(town)
    client = client_for("staff")
    body = text(client.get(reverse(LIST)))
    assert "窓口の記載台" in body and "閲覧のみです" in body and "項目を追加" not in body
    assert client.post(reverse(LIST), NEW_ITEM | {"number": "個2"}).status_code == 403
    assert SectionItem.objects.count() == 1


def test_who_sees_a_sections_items(client_for, town):
    add_item(town)
    assert_statuses(client_for, "get", citizens_url(town), {
        "officer": 200, "staff": 200, "manager": 200, "chief": 200, "auditor": 200, "admin": 200,
        "officer2": 404, "outsider": 404, "contractor": 404,
    })


def test_who_may_add_to_a_section(client_for, town):
    assert_statuses(client_for, "post", citizens_url(town), {
        "staff": 403, "manager": 403, "chief": 403, "auditor": 403, "officer2": 404, "outsider": 404,
        "contractor": 404,
    }, data=NEW_ITEM | {"unit": town.citizens.pk})
    assert not SectionItem.objects.exists()


def test_overview_for_roles_without_a_section(client_for, town):
    add_item(town)
    services.section_item_add(actor=town.user("officer2"), unit=town.pension, number="P1", text="年金記録の確認")
    body = text(client_for("manager").get(reverse(LIST)))
    assert "市民課" in body and "保険年金課" in body and "窓口の記載台" in body and "年金記録の確認" in body
    assert client_for("manager").post(reverse(LIST), NEW_ITEM).status_code == 403
    body = text(client_for("officer2").get(reverse(LIST)))
    assert "年金記録の確認" in body and "窓口の記載台" not in body


def test_officer_retires_an_item_and_it_stays_listed_as_ended(client_for, town):
    item = add_item(town)
    retire = reverse("inspections:section_item_retire", args=[item.pk])
    assert_statuses(client_for, "post", retire, {"staff": 403, "manager": 403, "auditor": 403, "officer2": 404,
                                                  "contractor": 404})
    item.refresh_from_db()
    assert item.active
    response = client_for("officer").post(retire, follow=True)
    assert "使用を終了しました" in text(response) and "使用を終了した項目" in text(response)
    item.refresh_from_db()
    assert not item.active


def test_a_unit_that_is_not_a_number_is_not_found(client_for, town):
    assert client_for("officer").get(reverse(LIST), {"unit": "abc"}).status_code == 404
