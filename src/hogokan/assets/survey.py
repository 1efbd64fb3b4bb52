"""The 京都市 survey tables (seeds/001_…, 情報システムの調査) computed from the register: counts and
percentages of systems per answer (単位：システム，％), by GROUP BY over the systems given."""

from __future__ import annotations

from collections import Counter

from django.db.models import Count

from hogokan.assets.models import AdminGrantor, Frequency, IdPolicy, InfoSystem, Location, Network
from hogokan.core.exports import Table

UNIT_NOTE = "単位：システム，％"


def _percent(count: int, total: int) -> str:
    return f"{count * 100 / total:.1f}%" if total else "－"


def _single(key: str, title: str, counts: dict, choices, total: int, *, note: str = UNIT_NOTE) -> Table:
    rows = [[f"{'①②③④⑤⑥⑦⑧'[i]}{label}", counts.get(value, 0), _percent(counts.get(value, 0), total)]
            for i, (value, label) in enumerate(choices)]
    rows.append(["合計", total, _percent(total, total) if total else "－"])
    return Table(key, title, ["回答", "システム数", "割合"], rows, note=note)


def _grouped(systems, field: str) -> dict:
    return {row[field]: row["n"] for row in systems.order_by().values(field).annotate(n=Count("pk"))}


def survey_tables(systems) -> list[Table]:
    """Every table for ``systems`` (a queryset of InfoSystem, usually those in use)."""
    systems = systems.order_by()
    total = systems.count()
    yes_no = [(True, "行っている"), (False, "行っていない")]
    tables = [
        _single("personal", "個人情報の取扱い", _grouped(systems, "handles_personal_information"),
                [(True, "あり"), (False, "なし")], total),
        _single("location", "設置場所", _grouped(systems, "location"), Location.choices, total),
        _single("network", "ネットワーク", _grouped(systems, "network"), Network.choices, total),
        _single("id_policy", "b(a) 利用者個人ごとの利用者認証機能の設定", _grouped(systems, "id_policy"),
                IdPolicy.choices, total),
    ]
    # 管理者権限を付与できる者: multiple answers, shares of all systems (no 合計; the note says why).
    grantors = Counter(code for codes in systems.values_list("admin_grantors", flat=True) for code in codes or [])
    none = sum(1 for codes in systems.values_list("admin_grantors", flat=True) if not codes)
    rows = [[f"{'①②③④⑤⑥'[i]}{label}", grantors.get(value, 0), _percent(grantors.get(value, 0), total)]
            for i, (value, label) in enumerate(AdminGrantor.choices)]
    tables.append(Table("admin_grantors", "c(b) 管理者権限を付与する（登録・変更・抹消等を行う）ことができる者（複数回答）",
                        ["回答", "システム数", "割合"], rows,
                        note=f"{UNIT_NOTE}。管理者権限の設定がないなどの{none}システムを含むため、合計100%未満となる。"))
    logged = systems.filter(log_collected=True)
    logged_total = logged.count()
    tables.append(_single("log_collected", "d(a) ログの取得や保存の状況", _grouped(systems, "log_collected"), yes_no,
                          total))
    tables.append(_single("log_informed", "d(c) 情報システムの利用者への周知の状況（ログを取得しているシステム）",
                          _grouped(logged, "log_users_informed"), yes_no, logged_total))
    analysed = logged.exclude(log_analysis_frequency=Frequency.NONE)
    analysed_counts = {True: analysed.count(), False: logged_total - analysed.count()}
    tables.append(_single("log_analysed", "d(d) ログの点検や分析の状況（ログを取得しているシステム）",
                          analysed_counts, yes_no, logged_total))
    both = Counter((system["log_analysis_frequency"] != Frequency.NONE, system["log_users_informed"])
                   for system in logged.values("log_analysis_frequency", "log_users_informed"))
    combined = [("点検や分析, 周知を行っている", both[(True, True)]),
                ("点検や分析を行っているが, 周知を行っていない", both[(True, False)]),
                ("点検や分析を行っていないが, 周知を行っている", both[(False, True)]),
                ("点検や分析, 周知を行っていない", both[(False, False)])]
    tables.append(Table("log_combined", "ログの点検や分析の状況及び周知の状況（ログを取得しているシステム）",
                        ["区分", "システム数", "割合"],
                        [[label, count, _percent(count, logged_total)] for label, count in combined]
                        + [["合計", logged_total, _percent(logged_total, logged_total) if logged_total else "－"]],
                        note=UNIT_NOTE))
    return tables


def in_use(queryset=None):
    return (queryset if queryset is not None else InfoSystem.objects.all()).filter(retired_on__isnull=True)
