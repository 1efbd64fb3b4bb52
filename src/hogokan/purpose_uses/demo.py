"""Demo records for みなと緑市 (loaded by `hogokan demo`; running it again changes nothing).

令和6年度 reproduces the 八千代市 tables (seeds/004 資料1 §3) as approved records; this year has a
draft, one waiting for the office's 合議 and one returned, for the demo officer's section (B06).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from hogokan.org.models import Organ, OrgUnit
from hogokan.purpose_uses import services
from hogokan.purpose_uses.models import OutOfPurposeUse
from hogokan.registers import api as registers

R6 = {
    "use": {"mayor": {"consent": 184, "internal": 676, "law": 56}, "education": {"internal": 4}},
    "provision": {"mayor": {"consent": 12, "other_body": 29, "law": 13}, "education": {"other_body": 2},
                  "agriculture": {"other_body": 5, "law": 1}, "fire": {"other_body": 3, "special": 2},
                  "enterprise": {"other_body": 2}},
}
EXAMPLES = {
    "law": ("避難行動要支援者名簿", "災害対策基本法第49条の10"),
    "consent": ("身体障害者手帳交付事務", ""),
    "internal": ("住民基本台帳事務", ""),
    "other_body": ("国民健康保険事務", ""),
    "special": ("統計調査事務", ""),
}


def _section(organ: Organ) -> OrgUnit | None:
    return OrgUnit.objects.filter(organ=organ, valid_to__isnull=True, kind__in=["section", "facility"]).order_by(
        "code").first()


def _reiwa6(chief) -> None:
    records = []
    for kind, spec in R6.items():
        for organ_code, counts in spec.items():
            organ = Organ.objects.filter(code=organ_code).first()
            unit = _section(organ) if organ else None
            if unit is None:
                continue
            for basis, count in counts.items():
                name, law = EXAMPLES[basis]
                for index in range(count):
                    used_on = date(2024, 4, 1) + timedelta(days=index * 7 % 365)
                    records.append(OutOfPurposeUse(
                        kind=kind, organ=organ, unit=unit, used_on=used_on, file_or_affair_name=name,
                        recipient="庁内関係課" if kind == "use" else "関係機関", purpose=f"{name}に係る照会への対応",
                        basis=basis, law_name=law, no_unfair_harm=True,
                        law70_requested=kind == "provision" and basis in ("other_body", "special"),
                        law70_content="目的外の利用禁止と安全管理措置を求めた" if basis in ("other_body", "special") else "",
                        status=OutOfPurposeUse.Status.APPROVED, submitted_on=used_on, approved_on=used_on,
                        approved_by=chief))
    bulk_create_with_history(records, OutOfPurposeUse, default_user=chief, default_change_reason="デモデータ")


def _this_year(chief, today: date) -> None:
    unit = OrgUnit.objects.filter(code="B06", valid_to__isnull=True).first()
    staff = get_user_model().objects.filter(username="staff").first() or chief
    if unit is None:
        return
    common = dict(organ=unit.organ, unit=unit, no_unfair_harm=True)
    kokuho = registers.PersonalInfoFile.objects.filter(name="国民健康保険被保険者ファイル").first()  # registers demo
    services.use_save(actor=staff, kind="use", used_on=today, file_or_affair_name="国民健康保険被保険者ファイル",
                      personal_info_file=kokuho, recipient="健康づくり課", purpose="特定健診の受診勧奨", basis="internal",
                      basis_reason="同一機関内で健康増進のために利用する相当の理由がある", **common)
    waiting = services.use_save(actor=staff, kind="provision", used_on=today - timedelta(days=3),
                                file_or_affair_name="国民健康保険被保険者ファイル", personal_info_file=kokuho,
                                recipient="県国民健康保険団体連合会",
                                purpose="医療費通知の作成", basis="other_body", law70_requested=True,
                                law70_content="目的外の利用禁止、再提供の禁止、作業後の消去を求める",
                                law70_requested_on=today - timedelta(days=3), **common)
    services.use_submit(actor=staff, use=waiting)
    returned = services.use_save(actor=staff, kind="provision", used_on=today - timedelta(days=7),
                                 file_or_affair_name="高額療養費ファイル", recipient="警察署",
                                 purpose="捜査関係事項照会への回答", basis="law", law_name="刑事訴訟法第197条第2項",
                                 **common)
    services.use_submit(actor=staff, use=returned)
    services.use_return(actor=chief, use=returned, comment="照会文書の写しを添付してください。")


@transaction.atomic
def load(today: date | None = None) -> bool:
    if OutOfPurposeUse.objects.exists():
        return False
    chief = get_user_model().objects.filter(username="chief").first()
    if chief is None or not Organ.objects.filter(code="mayor").exists():
        return False
    _reiwa6(chief)
    _this_year(chief, today or timezone.localdate())
    return True
