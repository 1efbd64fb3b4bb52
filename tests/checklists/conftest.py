"""Checklist engine fixtures: the default contractor forms (loaded by migration) and a survey with every answer kind."""

import pytest

from hogokan.checklists import api, services
from hogokan.checklists.models import ChecklistTemplate
from hogokan.core.services import save_with_history


@pytest.fixture(autouse=True)
def _fresh_item_cache():
    services._items_of_template.cache_clear()
    yield
    services._items_of_template.cache_clear()


@pytest.fixture
def precheck(db):
    return api.template_in_use("contract_precheck")


@pytest.fixture
def onsite(db):
    return api.template_in_use("contractor_onsite")


@pytest.fixture
def document(db):
    return api.template_in_use("contractor_document")


@pytest.fixture
def survey(town):
    """全庁調査: a single choice, a multiple choice, a number and a text item."""
    chief = town.user("chief")
    draft = save_with_history(ChecklistTemplate(family="test-survey", version=1, name="全庁調査（テスト）",
                                                purpose=api.Purpose.AUDIT_SURVEY), chief, "作成")
    kinds = api.AnswerKind
    services.template_item_save(actor=chief, template=draft, number="1", text="規程はありますか",
                                answer_kind=kinds.SINGLE, choices=[{"code": "1", "label": "ある"},
                                                                   {"code": "2", "label": "ない"}])
    services.template_item_save(actor=chief, template=draft, number="2", text="送付の方法（複数回答）",
                                answer_kind=kinds.MULTIPLE, choices=[{"code": "1", "label": "郵送"},
                                                                     {"code": "2", "label": "電子メール"},
                                                                     {"code": "3", "label": "FAX"}],
                                required=False)
    services.template_item_save(actor=chief, template=draft, number="3", text="漏えい件数", answer_kind=kinds.NUMBER)
    services.template_item_save(actor=chief, template=draft, number="4", text="工夫している点",
                                answer_kind=kinds.TEXT, required=False)
    return services.template_publish(actor=chief, template=draft)


def field(template, number: str) -> str:
    return f"a{template.items.get(number=number).pk}"


def answers(template, **by_number) -> dict:
    """Form data from item numbers: answers(t, **{"1": "ok", "3_remark": "…"})."""
    data = {}
    for key, value in by_number.items():
        number, _, suffix = key.partition("_")
        data[field(template, number) + (f"_{suffix}" if suffix else "")] = value
    return data
