"""The chief's checklist template pages (様式): read by all staff, revised → edited → published by the chief."""

import re

import pytest

from hogokan.inspections import services
from hogokan.inspections.models import ChecklistTemplate
from tests.conftest import assert_statuses

FIXED = "使用中・旧版の様式は変更できません。「改訂版を作成」してから編集してください。"
ITEM = {"number": "⑧", "group": "重点点検項目", "category": "送付・送信", "text": "FAXの送信先を複数人で確認しているか",
        "explanation": "短縮ダイヤルの登録内容も確認する。", "dash_allowed": "on"}


@pytest.fixture
def nagoya(db):
    return services.template_in_use("nagoya-monthly")


def url(name, *args):
    from django.urls import reverse

    return reverse(f"inspections:{name}", args=args)


def _item_rows(html: str) -> list[str]:
    return re.findall(r'<tr id="item-\d+">\s*<th scope="row">([^<]+)</th>', html)


def test_list_shows_each_family_with_versions_and_status(client_for, nagoya):
    body = client_for("staff").get(url("template_list")).content.decode()
    assert "情報に関する点検表" in body and "職員セルフチェック" in body and "情報システム管理点検" in body
    assert "第1版" in body and "使用中" in body
    assert "template_revise" not in body and "/revise/" not in body  # staff read only
    assert "/revise/" in client_for("chief").get(url("template_list")).content.decode()


def test_default_template_page_shows_its_25_items_notes_and_no_edit_controls(client_for, nagoya):
    body = client_for("officer").get(url("template_detail", nagoya.pk)).content.decode()
    numbers = _item_rows(body)
    assert len(numbers) == 25
    assert numbers[:7] == ["①", "②", "③", "④", "⑤", "⑥", "⑦"] and numbers[-1] == "18"
    assert "点検項目（25件）" in body and "ファイルサーバーの管理" in body
    assert "6月、9月、12月、3月の20日までに局区等担当課宛て報告してください。" in body  # 備考3
    assert "点検項目を追加" not in body and "使用を開始" not in body and "改訂版を作成" not in body


def test_print_view_is_the_blank_paper_form(client_for, nagoya):
    body = client_for("staff").get(url("template_print", nagoya.pk)).content.decode()
    assert "課・公所名" in body and "個別点検項目" in body and "各所属共通の点検項目" in body
    assert body.count('aria-label="記入欄"') == 25 * 3  # three months side by side


def test_pages_are_for_staff_only(client_for, nagoya):
    readers = {"admin": 200, "chief": 200, "manager": 200, "officer": 200, "staff": 200, "auditor": 200,
               "outsider": 200}
    assert_statuses(client_for, "get", url("template_list"), {**readers, "contractor": 403})
    assert_statuses(client_for, "get", url("template_detail", nagoya.pk), {**readers, "contractor": 404})
    assert_statuses(client_for, "get", url("template_print", nagoya.pk), {**readers, "contractor": 404})


def test_only_the_chief_and_admin_manage_templates(client_for, nagoya):
    refused = {"manager": 403, "officer": 403, "staff": 403, "auditor": 403, "contractor": 404}
    assert_statuses(client_for, "post", url("template_revise", nagoya.pk), refused)
    assert_statuses(client_for, "get", url("template_edit", nagoya.pk), refused)
    assert_statuses(client_for, "post", url("template_item_create", nagoya.pk), refused, data=ITEM)
    assert_statuses(client_for, "post", url("template_publish", nagoya.pk), refused)
    assert ChecklistTemplate.objects.filter(family="nagoya-monthly").count() == 1
    assert_statuses(client_for, "post", url("template_revise", nagoya.pk), {"chief": 302})
    assert ChecklistTemplate.objects.filter(family="nagoya-monthly", status="draft").count() == 1


def test_a_version_in_use_cannot_change(client_for, nagoya):
    client = client_for("chief")
    item = nagoya.items.get(number="②")
    response = client.post(url("template_item_create", nagoya.pk), ITEM)
    assert response.status_code == 200 and FIXED in response.content.decode()
    response = client.post(url("template_item_edit", nagoya.pk, item.pk), {**ITEM, "number": "②"})
    assert response.status_code == 200 and FIXED in response.content.decode()
    response = client.post(url("template_edit", nagoya.pk), {"name": "別名", "notes": ""})
    assert response.status_code == 200 and FIXED in response.content.decode()
    response = client.post(url("template_item_remove", nagoya.pk, item.pk), follow=True)
    assert FIXED in response.content.decode()
    response = client.post(url("template_publish", nagoya.pk), follow=True)
    assert FIXED in response.content.decode()
    response = client.get(url("template_item_create", nagoya.pk), follow=True)  # the form is not even offered
    assert response.redirect_chain[-1][0] == url("template_detail", nagoya.pk) and FIXED in response.content.decode()
    nagoya.refresh_from_db()
    item.refresh_from_db()
    assert nagoya.items.count() == 25 and nagoya.name == "情報に関する点検表" and "FAX" not in item.text


def test_revise_edit_publish_supersedes_the_old_version(client_for, nagoya, town):
    client = client_for("chief")
    body = client.get(url("template_detail", nagoya.pk)).content.decode()
    assert "改訂版を作成" in body and "点検項目を追加" not in body

    response = client.post(url("template_revise", nagoya.pk))
    draft = ChecklistTemplate.objects.get(family="nagoya-monthly", version=2)
    assert response["Location"] == url("template_detail", draft.pk)
    assert draft.status == ChecklistTemplate.Status.DRAFT and draft.items.count() == 25
    body = client.get(url("template_detail", draft.pk)).content.decode()
    assert "点検項目を追加" in body and "使用を開始" in body and "作成中" in body

    # add, edit, refuse a duplicate number, remove
    assert client.post(url("template_item_create", draft.pk), ITEM).status_code == 302
    second = draft.items.get(number="②")
    edited = {"number": "②", "group": second.group, "category": second.category,
              "text": "機密情報を外部へ送付するときは、宛先を複数人で確認しているか", "explanation": "送付前に読み合わせる。"}
    assert client.post(url("template_item_edit", draft.pk, second.pk), edited).status_code == 302
    response = client.post(url("template_item_create", draft.pk), {**ITEM, "number": "①"})
    assert "番号「①」はこの様式ですでに使われています。" in response.content.decode()
    response = client.post(url("template_item_create", draft.pk), {**ITEM, "category": "", "text": " "})
    body = response.content.decode()
    assert "分類を入力してください。" in body and "点検項目を入力してください。" in body
    last = draft.items.get(number="18")
    assert client.post(url("template_item_remove", draft.pk, last.pk)).status_code == 302
    assert client.post(url("template_edit", draft.pk), {"name": "情報に関する点検表（令和9年版）",
                                                        "notes": "1 新しい注意書き"}).status_code == 302
    draft.refresh_from_db()
    assert draft.items.count() == 25 and draft.items.last().number == "⑧"
    assert draft.items.get(number="②").explanation == "送付前に読み合わせる。"
    assert draft.name == "情報に関する点検表（令和9年版）" and draft.notes == "1 新しい注意書き"
    assert nagoya.items.count() == 25 and nagoya.items.filter(number="18").exists()  # the version in use is untouched

    history = client.get(url("template_detail", draft.pk)).content.decode().split('id="history-title"')[1]
    assert "点検項目②" in history and "点検項目18" in history and "名称・備考の変更" in history

    confirm = client.get(url("template_publish", draft.pk)).content.decode()
    assert "使用中の第1版は「改訂済み（旧版）」になり" in confirm and "使用を開始する" in confirm
    assert client.post(url("template_publish", draft.pk)).status_code == 302
    nagoya.refresh_from_db()
    draft.refresh_from_db()
    assert nagoya.status == ChecklistTemplate.Status.SUPERSEDED and draft.status == ChecklistTemplate.Status.IN_USE
    assert services.template_in_use("nagoya-monthly") == draft

    old = client.get(url("template_detail", nagoya.pk)).content.decode()
    assert "改訂済み（旧版）" in old and "点検項目を追加" not in old and "改訂版を作成" not in old
    response = client.post(url("template_item_create", draft.pk), {**ITEM, "number": "⑨"})
    assert FIXED in response.content.decode()


def test_only_one_draft_per_family(client_for, nagoya):
    client = client_for("chief")
    client.post(url("template_revise", nagoya.pk))
    response = client.post(url("template_revise", nagoya.pk), follow=True)
    assert "この様式には作成中の版がすでにあります。" in response.content.decode()
    assert ChecklistTemplate.objects.filter(family="nagoya-monthly").count() == 2


def test_a_draft_without_items_cannot_be_published(client_for, nagoya, town):
    client = client_for("chief")
    draft = services.template_revise(actor=town.user("chief"), template=nagoya)
    draft.items.all().delete()
    response = client.post(url("template_publish", draft.pk), follow=True)
    assert "点検項目が1つもない様式は使用開始できません。" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == ChecklistTemplate.Status.DRAFT
