"""The items of a 個人情報ファイル簿 (法74①, 令; RULES §4): one list drives the snapshot, the public page,
the import columns and every export, so that they can never disagree."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    field: str
    label: str
    kind: str = "text"  # text | bool | choice | organ | unit
    withholdable: bool = True


# In the order of the published register (法74① 一〜十一, 令).
ITEMS: tuple[Item, ...] = (
    Item("name", "個人情報ファイルの名称", withholdable=False),
    Item("organ", "行政機関等の名称", "organ", withholdable=False),
    Item("unit", "個人情報ファイルが利用に供される事務をつかさどる組織の名称", "unit", withholdable=False),
    Item("purpose", "個人情報ファイルの利用目的"),
    Item("record_items", "記録項目"),
    Item("record_scope", "記録範囲"),
    Item("collection_method", "記録情報の収集方法"),
    Item("has_sensitive", "要配慮個人情報が含まれるときは、その旨", "bool"),
    Item("has_ordinance_sensitive", "条例要配慮個人情報が含まれるときは、その旨（法75④）", "bool"),
    Item("regular_recipients", "記録情報を当該機関以外の者に経常的に提供する場合には、その提供先"),
    Item("request_office", "開示請求等を受理する組織の名称及び所在地"),
    Item("special_procedures", "訂正及び利用停止に関する他の法令の規定による特別の手続等"),
    Item("processing", "個人情報ファイルの種別（電算処理ファイル／マニュアル処理ファイル）", "choice"),
    Item("anonymization_target", "行政機関等匿名加工情報の提案の募集をする個人情報ファイルである旨", "bool"),
    Item("proposal_office", "行政機関等匿名加工情報の提案を受ける組織の名称及び所在地"),
    Item("proposal_period", "行政機関等匿名加工情報の提案をすることができる期間"),
    Item("remarks", "備考"),
)
WITHHOLDABLE = [item.field for item in ITEMS if item.withholdable]
LABELS = {item.field: item.label for item in ITEMS}
WITHHELD_TEXT = "（法75条3項により記載を省略）"


def snapshot_of(file) -> dict:
    """The statutory items of ``file`` as displayed text (what a version keeps)."""
    data = {}
    for item in ITEMS:
        value = getattr(file, item.field)
        if item.kind == "bool":
            data[item.field] = "該当" if value else "非該当"
        elif item.kind == "choice":
            data[item.field] = getattr(file, f"get_{item.field}_display")()
        elif item.kind == "organ":
            data[item.field] = file.organ.name
        elif item.kind == "unit":
            data[item.field] = file.unit.name
        else:
            data[item.field] = value or ""
    data["kind"] = file.get_kind_display()
    return data


def rows_of(snapshot: dict, withheld: dict | None = None, *, public: bool) -> list[tuple[str, str, str]]:
    """(field, label, value) in register order; on the public side a withheld item has no value."""
    withheld = withheld or {}
    rows = []
    for item in ITEMS:
        value = snapshot.get(item.field, "")
        if item.field in withheld and public:
            value = WITHHELD_TEXT
        rows.append((item.field, item.label, value))
    return rows


def public_values(snapshot: dict, withheld: dict | None) -> list[str]:
    """The values of the public register's columns (ITEMS order), withheld items replaced."""
    return [value for _field, _label, value in rows_of(snapshot, withheld, public=True)]


def search_text(snapshot: dict, withheld: dict | None) -> str:
    """What the public keyword search may match: only the items that are published."""
    withheld = withheld or {}
    return "\n".join(str(snapshot.get(item.field, "")) for item in ITEMS
                     if item.field not in withheld and item.kind in ("text",))
