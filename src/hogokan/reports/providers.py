"""The tables of the seeds, each from the module that owns its records (through that module's api.py).

Order = the order of the annual report (seeds/000). A module whose records are not in Hogokan yet is
registered with ``build=None`` and ``missing`` saying so: the catalogue lists it as 未整備, honestly.
"""

from __future__ import annotations

from hogokan.audits import api as audits_api
from hogokan.disclosures import api as disclosures_api
from hogokan.incidents import api as incidents_api
from hogokan.inspections import api as inspections_api
from hogokan.purpose_uses import api as purpose_uses_api
from hogokan.registers import api as registers_api
from hogokan.reports.catalogue import ReportContext, TableSpec, register
from hogokan.training import api as training_api


def _pick(tables, key: str):
    return [table for table in tables if table.key == key]


def _inspections(key: str):
    def build(ctx: ReportContext):
        tables = ctx.cached("inspections", lambda: inspections_api.yearly_tables(ctx.actor, ctx.fiscal_year,
                                                                                  as_of=ctx.as_of))
        if key == "inspection_surveys":
            return [table for table in tables if table.key.startswith("survey_")]
        return _pick(tables, key)
    return build


def _audits(key: str):
    return lambda ctx: _pick(ctx.cached("audits", lambda: audits_api.visit_year_tables(ctx.actor, ctx.fiscal_year)), key)


def _training_rates(key: str):
    return lambda ctx: _pick(ctx.cached("training", lambda: training_api.rate_tables(
        ctx.actor, ctx.fiscal_year, ctx.today or ctx.period[1])), key)


def _incidents(key: str):
    return lambda ctx: _pick(ctx.cached("incidents", lambda: incidents_api.yearly_tables(
        ctx.actor, ctx.fiscal_year, as_of=ctx.as_of)), key)


def _disclosures(key: str):
    return lambda ctx: _pick(ctx.cached("disclosures", lambda: disclosures_api.yearly_tables(
        ctx.fiscal_year, as_of=ctx.as_of)), key)


def _purpose_uses(key: str):
    return lambda ctx: _pick(ctx.cached("purpose_uses", lambda: purpose_uses_api.yearly_tables(
        ctx.fiscal_year, as_of=ctx.as_of)), key)


def _registers(key: str):
    return lambda ctx: _pick(ctx.cached("registers", lambda: registers_api.register_tables(
        ctx.fiscal_year, as_of=ctx.as_of)), key)


# ---- 課・公所ごとの保護対策 (seeds/000) ---------------------------------------------------------------
register(TableSpec("inspection_status", "情報に関する点検の実施状況（点検ごとの提出と○×－）", "inspections", ("000",),
                   _inspections("inspection_status"), link="inspections:results", chart_column=7, merge=False))
register(TableSpec("inspection_items", "点検項目別の回答（○×－の数と×の割合）", "inspections", ("000",),
                   _inspections("inspection_items"), link="inspections:results", chart_column=5, merge=False))
register(TableSpec("inspection_surveys", "点検強化月間の調査の集計", "inspections", ("000",),
                   _inspections("inspection_surveys"), link="inspections:results", chart_column=None,
                   merge=False))
# ---- 実地調査 (seeds/000) ------------------------------------------------------------------------------
register(TableSpec("visit_ratings", "実地調査の総合評価（局区等別・前年度比較）", "audits", ("000",),
                   _audits("ratings"), link="audits:visit_results", as_of=False, spans_years=True))
register(TableSpec("visit_findings", "実地調査の改善指摘事項（区分別）", "audits", ("000",),
                   _audits("findings"), link="audits:visit_results", as_of=False, spans_years=True, chart_column=1))
register(TableSpec("visit_practices", "実地調査で見られた良い取組", "audits", ("000",),
                   _audits("practices"), link="audits:visit_results", as_of=False, chart_column=None,
                   merge=False))
register(TableSpec("audit_surveys", "全庁調査の集計（設問ごとの割合）", "audits", ("001",), None,
                   missing="監査の全庁調査（issue 14）の記録がまだありません。", chart_column=None))
# ---- 研修 (seeds/000, 001) -------------------------------------------------------------------------------
register(TableSpec("training_courses", "研修の実施状況（研修ごとの開催回数・修了者数）", "training", ("000",),
                   lambda ctx: [training_api.course_table(ctx.fiscal_year, as_of=ctx.as_of)],
                   link="training:rates", chart_column=3, merge=False))
register(TableSpec("training_rates", "所属別の受講状況", "training", ("001",), _training_rates("rates"),
                   link="training:rates", as_of=False, chart_column=2, merge=False))
register(TableSpec("training_transmission", "所属内への伝達（研修内容の周知）", "training", ("001",),
                   _training_rates("transmission"), link="training:rates", as_of=False, chart_column=None))
# ---- 電子情報保護対策・システム点検, 委託先の指揮監督 (seeds/000) --------------------------------------------
register(TableSpec("system_reviews", "新規稼働・変更するシステムの点検（セキュリティ審査）", "assets", ("000",), None,
                   missing="情報資産（issue 15: 情報システムとセキュリティ審査）の記録がまだありません。"))
register(TableSpec("contractor_supervision", "受託者等に対する指揮監督（報告・作業現場の確認）", "outsourcing",
                   ("000",), None, missing="委託（issue 13: 管理体制等報告書・受託者の検査）の記録がまだありません。"))
# ---- 漏えい等事案 (seeds/000, 002, 004) --------------------------------------------------------------------
register(TableSpec("incidents", "漏えい等事案の一覧（判明日・部署・原因・人数・委員会への報告・再発防止策）", "incidents",
                   ("000", "004"), _incidents("incidents"), link="incidents:ppc_list", chart_column=None,
                   merge=False))
register(TableSpec("incident_causes", "漏えい等事案の発生原因別件数", "incidents", ("000", "004"),
                   _incidents("incident_causes"), link="incidents:statistics"))
register(TableSpec("incident_followup", "情報セキュリティ事故の再発防止策の実施状況", "incidents", ("002",),
                   lambda ctx: [incidents_api.followup_table(ctx.actor, ctx.fiscal_year)],
                   link="incidents:followup", as_of=False, chart_column=None, merge=False))
# ---- 開示請求等 (seeds/003, 004) ----------------------------------------------------------------------------
register(TableSpec("disclosure_requests", "保有個人情報開示請求（実施機関別の請求件数・処理状況）", "disclosures", ("004",),
                   _disclosures("requests"), link="disclosures:stats", chart_column=2))
register(TableSpec("disclosure_grounds", "部分開示決定等における不開示事由（法第78条各号）", "disclosures", ("004",),
                   _disclosures("grounds"), link="disclosures:stats"))
register(TableSpec("disclosure_five_years", "保有個人情報の開示請求等（過去5年度）", "disclosures", ("003",),
                   _disclosures("five_years"), link="disclosures:stats", spans_years=True, chart_column=1))
# ---- 目的外利用・提供 (seeds/003, 004) -----------------------------------------------------------------------
register(TableSpec("purpose_use", "個人情報の目的外利用（実施機関別・根拠別）", "purpose_uses", ("004",),
                   _purpose_uses("use"), link="purpose_uses:stats"))
register(TableSpec("purpose_provision", "個人情報の外部提供（実施機関別・根拠別）", "purpose_uses", ("004",),
                   _purpose_uses("provision"), link="purpose_uses:stats"))
register(TableSpec("purpose_two_years", "目的外利用・提供の根拠別件数（2年度）", "purpose_uses", ("003",),
                   _purpose_uses("two_years"), link="purpose_uses:stats", spans_years=True))
# ---- 個人情報ファイル簿, 特定個人情報保護評価 (seeds/000) ---------------------------------------------------------
register(TableSpec("register_files", "個人情報ファイル簿の状況（実施機関別のファイル数と年度中の登載・削除）", "registers",
                   ("000",), _registers("register_files"), link="registers:file_list", chart_column=1))
register(TableSpec("pias", "特定個人情報保護評価の実施状況", "registers", ("000",), _registers("pias"),
                   link="registers:file_list", chart_column=1))
