"""The default catalogue of personal-data items (maintained afterwards in the admin site).

(name, 要配慮, 条例要配慮, 財産的被害, 個人番号). 要配慮 follows 法2条3項 and 令2条. Few 条例 define
条例要配慮個人情報 (法60条5項): the one entry marked so stands for whatever the body's 条例 lists; a
body that defines none retires it (or sets HOGOKAN_ORDINANCE_SENSITIVE_DEFINED=false).
"""

DEFAULT_ITEMS = [
    ("氏名", False, False, False, False),
    ("住所", False, False, False, False),
    ("生年月日", False, False, False, False),
    ("性別", False, False, False, False),
    ("電話番号", False, False, False, False),
    ("メールアドレス", False, False, False, False),
    ("顔写真・画像", False, False, False, False),
    ("世帯・家族の情報", False, False, False, False),
    ("所得・課税の情報", False, False, False, False),
    ("学校・成績の情報", False, False, False, False),
    ("契約・利用の情報（水栓番号・使用量等）", False, False, False, False),
    ("病歴・健診結果", True, False, False, False),
    ("障害", True, False, False, False),
    ("犯罪歴", True, False, False, False),
    ("犯罪被害の事実", True, False, False, False),
    ("人種・信条・社会的身分", True, False, False, False),
    ("生活保護の受給", False, False, False, False),
    ("児童虐待・相談の内容", False, False, False, False),
    ("条例で定める要配慮個人情報", False, True, False, False),
    ("口座番号", False, False, True, False),
    ("カード番号", False, False, True, False),
    ("ID・パスワード", False, False, True, False),
    ("個人番号", False, False, False, True),
]
