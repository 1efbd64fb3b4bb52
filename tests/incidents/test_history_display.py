"""The incident's change history reads in Japanese: the decision's codes by their names, dates in 和暦."""

from hogokan.core.history import history_of


def test_history_names_the_laws_and_grounds_and_shows_dates_in_wareki(incident):
    created = history_of(incident)[-1]
    shown = {change.label: change.after for change in created.changes}
    assert shown["根拠法令"] == "個人情報保護法68条1項"
    assert shown["該当号"] == "規則43条1号 要配慮個人情報"
    assert shown["確報の期限"] == "令和7年7月1日"
    assert "T" not in shown["第一報の日時"] and "+00:00" not in shown["第一報の日時"]
