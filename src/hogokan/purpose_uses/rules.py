"""Legal bases of out-of-purpose use and provision (法69, 70; 番号法19, 30): pure functions, no ORM.

- 目的外利用 (use inside the organ for another purpose) may rest on 69① (法令), 69②1 (本人同意・本人提供),
  69②2 (内部利用・相当の理由), 69②4 (統計・学術研究・本人の利益・特別の理由).
- 外部提供 (provision to anyone else) may rest on 69①, 69②1, 69②3 (他の行政機関等・相当の理由), 69②4.
- Never when it would unfairly harm the person or a third party (69② ただし書): a required check.
- 法70: when providing under 69②3/4, ask the recipient to limit the purpose / method and take safeguards.
- 特定個人情報: 69②2–4 do not apply (番号法30); provision only where 番号法19 allows it.
"""

from __future__ import annotations

USE, PROVISION = "use", "provision"
KIND_LABELS = {USE: "目的外利用", PROVISION: "外部提供"}

LAW = "law"            # 69① 法令に基づく場合
CONSENT = "consent"    # 69②1
INTERNAL = "internal"  # 69②2
OTHER_BODY = "other_body"  # 69②3
SPECIAL = "special"    # 69②4
MY_NUMBER_19 = "my_number_19"  # 番号法19条各号 (特定個人情報の提供)

BASIS_LABELS = {
    LAW: "法第69条第1項（法令に基づく場合）",
    CONSENT: "法第69条第2項第1号（本人の同意・本人への提供）",
    INTERNAL: "法第69条第2項第2号（内部利用・相当の理由）",
    OTHER_BODY: "法第69条第2項第3号（他の行政機関等への提供・相当の理由）",
    SPECIAL: "法第69条第2項第4号（統計・学術研究・本人の利益・特別の理由）",
    MY_NUMBER_19: "番号法第19条（特定個人情報の提供）",
}
ALLOWED = {USE: (LAW, CONSENT, INTERNAL, SPECIAL), PROVISION: (LAW, CONSENT, OTHER_BODY, SPECIAL, MY_NUMBER_19)}
NEEDS_LAW70 = (OTHER_BODY, SPECIAL)


def basis_errors(kind: str, basis: str, *, specific_personal_info: bool, law_name: str = "",
                 no_unfair_harm: bool, law70_requested: bool) -> dict[str, str]:
    """Japanese messages, by field, for a use or provision the law does not allow."""
    errors: dict[str, str] = {}
    if kind not in ALLOWED:
        return {"kind": "目的外利用か外部提供かを選んでください。"}
    if basis not in BASIS_LABELS:
        return {"basis": "根拠を選んでください。"}
    if basis not in ALLOWED[kind]:
        if basis == INTERNAL:
            errors["basis"] = "法69②2号（内部利用）は外部提供の根拠になりません。"
        elif basis == OTHER_BODY:
            errors["basis"] = "法69②3号（他の行政機関等への提供）は目的外利用の根拠になりません。"
        else:
            errors["basis"] = "番号法19条は特定個人情報の外部提供の根拠です。"
    if specific_personal_info:
        if basis in (INTERNAL, OTHER_BODY, SPECIAL):
            errors["basis"] = ("特定個人情報には法69条2項2号〜4号は適用されません（番号法30条）。"
                               + ("提供は番号法19条各号に該当する場合に限られます。" if kind == PROVISION else
                                  "利用は番号法9条の範囲内か、人の生命・身体・財産の保護のために必要な場合に限られます。"))
        elif kind == PROVISION and basis != MY_NUMBER_19:
            errors["basis"] = "特定個人情報の提供は番号法19条各号に該当する場合に限られます（番号法19条）。"
    elif basis == MY_NUMBER_19:
        errors["basis"] = "番号法19条は特定個人情報を提供するときの根拠です。"
    if basis in (LAW, MY_NUMBER_19) and not law_name.strip():
        errors["law_name"] = "根拠となる法令の名称と条項を入力してください。"
    if not no_unfair_harm:
        errors["no_unfair_harm"] = ("本人又は第三者の権利利益を不当に侵害するおそれがないことを確認してください"
                                    "（法69②ただし書）。")
    if kind == PROVISION and basis in NEEDS_LAW70 and not law70_requested:
        errors["law70_requested"] = "法69②3号・4号による提供では、提供先への措置要求（法70）を記録してください。"
    return errors
