"""Uses and provisions: draft → 合議 → approval, scoping, refusals with reasons, the 八千代市 R6 tables."""

from datetime import date

import pytest
from django.urls import reverse

from hogokan.org.models import Organ, OrgUnit, UnitKind
from hogokan.purpose_uses import services, statistics
from hogokan.purpose_uses.models import OutOfPurposeUse
from tests.conftest import assert_statuses

FORM = {"kind": "provision", "used_on": "2026-11-02", "file_or_affair_name": "住民基本台帳",
        "recipient": "警察署", "purpose": "捜査関係事項照会への回答", "basis": "law",
        "law_name": "刑事訴訟法第197条第2項", "no_unfair_harm": "on"}


@pytest.fixture
def use(town):
    return services.use_save(actor=town.user("staff"), kind="use", organ=town.mayor, unit=town.citizens,
                             used_on=date(2026, 11, 2), file_or_affair_name="住民基本台帳", recipient="高齢福祉課",
                             purpose="安否確認", basis="internal", basis_reason="独居高齢者の安否確認",
                             no_unfair_harm=True)


def test_unit_drafts_office_approves(client_for, town):
    response = client_for("staff").post(reverse("purpose_uses:create"), {**FORM, "unit": town.citizens.pk})
    assert response.status_code == 302
    created = OutOfPurposeUse.objects.get()
    assert created.organ == town.mayor and created.status == "draft"
    client_for("staff").post(reverse("purpose_uses:step", args=[created.pk, "submit"]))
    created.refresh_from_db()
    assert created.status == "consulting"
    assert client_for("officer").post(reverse("purpose_uses:step", args=[created.pk, "approve"])).status_code == 403
    assert client_for("staff").get(reverse("purpose_uses:edit", args=[created.pk])).status_code == 403
    client_for("chief").post(reverse("purpose_uses:step", args=[created.pk, "approve"]), {"comment": "適当", "confirmed": "1"})
    created.refresh_from_db()
    assert created.status == "approved" and created.approved_by == town.user("chief")


def test_return_needs_a_reason_and_goes_back_to_the_unit(client_for, town, use):
    services.use_submit(actor=town.user("staff"), use=use)
    bad = client_for("chief").post(reverse("purpose_uses:step", args=[use.pk, "return"]), {"comment": ""})
    assert "差し戻す理由を入力してください。" in bad.content.decode()
    client_for("chief").post(reverse("purpose_uses:step", args=[use.pk, "return"]), {"comment": "根拠を再検討"})
    use.refresh_from_db()
    assert use.status == "returned"
    assert client_for("staff").get(reverse("purpose_uses:edit", args=[use.pk])).status_code == 200


def test_specific_personal_info_refused_with_the_reason_and_data_kept(client_for, town):
    response = client_for("officer").post(reverse("purpose_uses:create"), {
        **FORM, "unit": town.citizens.pk, "basis": "other_body", "specific_personal_info": "on",
        "law70_requested": "on", "law70_content": "目的外に使わないこと"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "特定個人情報には法69条2項2号〜4号は適用されません（番号法30条）" in text
    assert "目的外に使わないこと" in text and not OutOfPurposeUse.objects.exists()


def test_missing_harm_check_is_refused(client_for, town):
    data = {**FORM, "unit": town.citizens.pk}
    data.pop("no_unfair_harm")
    text = client_for("staff").post(reverse("purpose_uses:create"), data).content.decode()
    assert "法69②ただし書" in text


def test_scoping(client_for, town, use):
    url = reverse("purpose_uses:detail", args=[use.pk])
    assert_statuses(client_for, "get", url, {"chief": 200, "officer": 200, "staff": 200, "manager": 200,
                                             "auditor": 200, "officer2": 404, "outsider": 404, "contractor": 403})
    assert_statuses(client_for, "get", reverse("purpose_uses:edit", args=[use.pk]),
                    {"staff": 200, "officer": 200, "manager": 403, "auditor": 403, "officer2": 404})
    assert client_for("manager").get(reverse("purpose_uses:create")).status_code == 403
    listing = client_for("officer2").get(reverse("purpose_uses:list")).content.decode()
    assert "住民基本台帳" not in listing
    assert "住民基本台帳" in client_for("chief").get(reverse("purpose_uses:list") + "?format=csv").content.decode(
        "utf-8-sig")
    assert client_for("officer2").get(f"/api/v1/purpose-uses/{use.pk}").status_code == 404
    assert client_for("officer").get(f"/api/v1/purpose-uses/{use.pk}").json()["basis"] == "internal"


# 八千代市 資料1 §3 ① ② (令和6年度): organ → {basis: count}
R6_USE = {"市長": {"consent": 184, "internal": 676, "law": 56}, "教育委員会": {"internal": 4}}
R6_PROVISION = {"市長": {"consent": 12, "other_body": 29, "law": 13}, "教育委員会": {"other_body": 2},
                "農業委員会": {"other_body": 5, "law": 1}, "消防長": {"other_body": 3, "special": 2},
                "事業管理者": {"other_body": 2}}
ORGANS = ["市長", "教育委員会", "選挙管理委員会", "監査委員", "農業委員会", "固定資産評価審査委員会", "消防長", "事業管理者"]


def test_yachiyo_reiwa6_use_and_provision_tables(client_for, town):
    organs = {"市長": town.mayor, "教育委員会": town.education}
    for order, name in enumerate(ORGANS, start=1):
        organ = organs.get(name) or Organ.objects.create(code=f"o{order}", name=name)
        organ.display_order = order
        organ.save()
        organs[name] = organ
    units = {name: OrgUnit.objects.get_or_create(organ=organ, code=f"u-{organ.code}", defaults={
        "name": f"{name}の課", "kind": UnitKind.SECTION, "valid_from": date(2020, 4, 1)})[0]
        for name, organ in organs.items()}
    records = []
    for kind, spec in (("use", R6_USE), ("provision", R6_PROVISION)):
        for organ_name, counts in spec.items():
            for basis, count in counts.items():
                records += [OutOfPurposeUse(kind=kind, organ=organs[organ_name], unit=units[organ_name],
                                            used_on=date(2024, 4 + i % 12, 1) if i % 12 < 9 else date(2025, i % 12 - 8, 1),
                                            file_or_affair_name="f", recipient="r", purpose="p", basis=basis,
                                            status="approved", no_unfair_harm=True) for i in range(count)]
    OutOfPurposeUse.objects.bulk_create(records)
    use_table = statistics.per_organ(2024, "use")
    assert use_table.header == ["市の機関", "法第69条第2項第1号", "法第69条第2項第2号", "法第69条第2項第4号", "その他の法令", "計"]
    assert use_table.rows[0] == ["市長", 184, 676, 0, 56, 916]
    assert use_table.rows[1] == ["教育委員会", 0, 4, 0, 0, 4]
    assert use_table.rows[-1] == ["計", 184, 680, 0, 56, 920]
    provision = statistics.per_organ(2024, "provision")
    assert [row[0] for row in provision.rows] == ORGANS + ["計"]
    assert provision.rows[4] == ["農業委員会", 0, 5, 0, 1, 6]
    assert provision.rows[6] == ["消防長", 0, 3, 2, 0, 5]
    assert provision.rows[-1] == ["計", 12, 41, 2, 14, 69]
    two_years = statistics.by_basis_two_years(2024)
    assert two_years.rows[0] == ["第1項（法令）", 0, 70] and two_years.rows[2] == ["第2項第2・3号（相当の理由）", 0, 721]
    assert_statuses(client_for, "get", reverse("purpose_uses:stats"), {"chief": 200, "auditor": 200, "officer": 403})
    xlsx = client_for("chief").get(reverse("purpose_uses:stats") + "?fiscal_year=2024&table=use&format=xlsx")
    assert xlsx.status_code == 200


def test_withdraw_and_api_filters(client_for, town, use):
    client_for("staff").post(reverse("purpose_uses:step", args=[use.pk, "withdraw"]))
    use.refresh_from_db()
    assert use.status == "withdrawn"
    assert client_for("chief").get("/api/v1/purpose-uses?status=withdrawn").json()["count"] == 1
    assert client_for("chief").get("/api/v1/purpose-uses?status=approved").json()["count"] == 0
    assert client_for("chief").get("/api/v1/purpose-uses?kind=nope").status_code == 400
    assert client_for("chief").post(reverse("purpose_uses:step", args=[use.pk, "nope"])).status_code == 404


def test_approved_record_cannot_be_edited_or_withdrawn(town, use):
    from django.core.exceptions import ValidationError

    services.use_submit(actor=town.user("staff"), use=use)
    services.use_approve(actor=town.user("chief"), use=use)
    with pytest.raises(ValidationError, match="変更できません"):
        services.use_save(actor=town.user("chief"), use=use, purpose="x")
    with pytest.raises(ValidationError, match="取りやめにできません"):
        services.use_withdraw(actor=town.user("chief"), use=use)
