"""Legal bases of out-of-purpose use and provision (法69, 70; 番号法19, 30)."""

import pytest

from hogokan.purpose_uses import rules

OK = dict(no_unfair_harm=True, law70_requested=True, law_name="災害対策基本法第49条の11")


@pytest.mark.parametrize("kind, basis", [
    ("use", "law"), ("use", "consent"), ("use", "internal"), ("use", "special"),
    ("provision", "law"), ("provision", "consent"), ("provision", "other_body"), ("provision", "special"),
])
def test_law69_bases_allowed(kind, basis):
    assert rules.basis_errors(kind, basis, specific_personal_info=False, **OK) == {}


@pytest.mark.parametrize("kind, basis, message", [
    ("provision", "internal", "外部提供の根拠になりません"),   # 69②2 is internal use only
    ("use", "other_body", "目的外利用の根拠になりません"),      # 69②3 is provision only
    ("use", "my_number_19", "特定個人情報"),
])
def test_law69_bases_refused_by_kind(kind, basis, message):
    assert message in rules.basis_errors(kind, basis, specific_personal_info=False, **OK)["basis"]


@pytest.mark.parametrize("kind, basis", [("use", "internal"), ("use", "special"), ("provision", "other_body"),
                                         ("provision", "special")])
def test_specific_personal_info_refuses_69_2_2_to_4(kind, basis):
    message = rules.basis_errors(kind, basis, specific_personal_info=True, **OK)["basis"]
    assert "特定個人情報には法69条2項2号〜4号は適用されません（番号法30条）" in message


def test_specific_personal_info_provision_only_under_bangou19():
    assert "番号法19条" in rules.basis_errors("provision", "consent", specific_personal_info=True, **OK)["basis"]
    assert rules.basis_errors("provision", "my_number_19", specific_personal_info=True, **OK) == {}


def test_unfair_harm_check_law_name_and_law70_are_required():
    errors = rules.basis_errors("provision", "other_body", specific_personal_info=False, no_unfair_harm=False,
                                law70_requested=False)
    assert "法69②ただし書" in errors["no_unfair_harm"] and "法70" in errors["law70_requested"]
    assert "法令の名称" in rules.basis_errors("use", "law", specific_personal_info=False, no_unfair_harm=True,
                                             law70_requested=False)["law_name"]
    # 法70 is asked of recipients under 69②3/4 only
    assert rules.basis_errors("provision", "consent", specific_personal_info=False, no_unfair_harm=True,
                              law70_requested=False) == {}
