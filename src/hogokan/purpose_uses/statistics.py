"""The yearly tables of uses and provisions (approved records, by the fiscal year of the use date).

- 八千代市 資料1 §3: per organ × basis, separately 目的外利用 (②1, ②2, ②4, その他の法令) and 外部提供
  (②1, ②3, ②4, その他の法令); その他の法令 = 69① and, for 特定個人情報, 番号法19.
- ``as_of``: the uses approved by that day, each as its history stood at the end of it.
- 箕面市 §2(1): basis × two fiscal years, use and provision together (第1項 / 第2項第1号 / 第2・3号 / 第4号).
"""

from __future__ import annotations

from collections import Counter

from hogokan.core.calendar import fiscal_year_range, wareki_fiscal_year
from hogokan.core.exports import Table
from hogokan.core.history import records_as_of
from hogokan.org.models import Organ
from hogokan.purpose_uses import rules
from hogokan.purpose_uses.models import OutOfPurposeUse

COLUMNS = {
    rules.USE: [("法第69条第2項第1号", (rules.CONSENT,)), ("法第69条第2項第2号", (rules.INTERNAL,)),
                ("法第69条第2項第4号", (rules.SPECIAL,)), ("その他の法令", (rules.LAW,))],
    rules.PROVISION: [("法第69条第2項第1号", (rules.CONSENT,)), ("法第69条第2項第3号", (rules.OTHER_BODY,)),
                      ("法第69条第2項第4号", (rules.SPECIAL,)), ("その他の法令", (rules.LAW, rules.MY_NUMBER_19))],
}


def _approved(year: int, as_of=None):
    start, end = fiscal_year_range(year)
    if as_of is not None:
        end = min(end, as_of)
    return records_as_of(OutOfPurposeUse, as_of).filter(status=OutOfPurposeUse.Status.APPROVED,
                                                        used_on__range=(start, end))


def per_organ(year: int, kind: str, as_of=None) -> Table:
    counts = Counter(_approved(year, as_of).filter(kind=kind).values_list("organ_id", "basis"))
    header = ["市の機関"] + [label for label, _ in COLUMNS[kind]] + ["計"]
    rows, total = [], [0] * (len(COLUMNS[kind]) + 1)
    for organ in Organ.objects.order_by("display_order", "code"):
        values = [sum(counts[(organ.pk, basis)] for basis in bases) for _, bases in COLUMNS[kind]]
        values.append(sum(values))
        total = [a + b for a, b in zip(total, values, strict=True)]
        rows.append([organ.name] + values)
    rows.append(["計"] + total)
    title = f"個人情報の{rules.KIND_LABELS[kind]}（{wareki_fiscal_year(year)}）"
    note = "※ 件数は市の各機関が外部（他の市の機関を含む。）へ提供したものとなります。" if kind == rules.PROVISION else ""
    return Table(kind, title, header, rows, note)


MINOH_ROWS = [("第1項（法令）", (rules.LAW, rules.MY_NUMBER_19)), ("第2項第1号（本人同意）", (rules.CONSENT,)),
              ("第2項第2・3号（相当の理由）", (rules.INTERNAL, rules.OTHER_BODY)),
              ("第2項第4号（特別の理由）", (rules.SPECIAL,))]


def by_basis_two_years(year: int, as_of=None) -> Table:
    years = [year - 1, year]
    counts = {y: Counter(_approved(y, as_of).values_list("basis", flat=True)) for y in years}
    header = ["根拠法令"] + [wareki_fiscal_year(y) for y in years]
    rows = [[label] + [sum(counts[y][basis] for basis in bases) for y in years] for label, bases in MINOH_ROWS]
    return Table("two_years", "目的外利用（法第69条）の根拠別件数", header, rows, "※ 目的外利用と外部提供の合計です。")


def tables_for(year: int, as_of=None) -> list[Table]:
    return [per_organ(year, rules.USE, as_of), per_organ(year, rules.PROVISION, as_of), by_basis_two_years(year, as_of)]


def counts(year: int, as_of=None) -> dict:
    """The approved uses and provisions of ``year``: total and per kind."""
    kinds = Counter(_approved(year, as_of).values_list("kind", flat=True))
    return {"total": sum(kinds.values()), "uses": kinds[rules.USE], "provisions": kinds[rules.PROVISION]}
