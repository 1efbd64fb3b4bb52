"""The 諮問 paper of a (re-)evaluation (評価書の再実施について) as Word and PDF: the registers build its content
(registers.api.consultation_paper); this module prints it through the one document home (documents.py), in the
layout of 箕面市's 諮問 (seeds/003): 業務の名称, 業務所管課, 業務の目的, 再実施を行う評価書名（評価書番号）, 実施時期,
and the 別紙 「…評価書の変更箇所」 (項目, 変更前の記載, 変更後の記載).

/reports/evaluations/<pk>/paper/?format=docx|pdf — whoever may see the round (its 業務所管課, the managers above,
the office and the auditors); anyone else gets 404.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.views.decorators.http import require_GET

from hogokan.core.exports import Table
from hogokan.registers.api import consultation_paper, evaluation_round_for
from hogokan.reports.annual import Section
from hogokan.reports.documents import document_response

TITLE = "個人情報保護審議会への諮問について"


@dataclass
class PaperDocument:
    title: str
    subtitle: str
    sections: list[Section] = field(default_factory=list)
    landscape: bool = True  # the 別紙's three wide columns

    @property
    def tables(self) -> list[Table]:
        return [table for section in self.sections for table in section.tables]

    @property
    def charts(self) -> list:
        return []


def document_of(paper) -> PaperDocument:
    round = paper.round
    items = Table("consultation", "記", ["項目", "内容"], paper.items)
    first = Section(key="consultation", title="諮問事項",
                    basis="特定個人情報保護評価に関する規則・特定個人情報保護評価指針（第三者点検）", tables=[items])
    changes = Table("changes", f"{paper.document_kinds_label}の変更箇所", ["項目", "変更前の記載", "変更後の記載"],
                    paper.changes)
    annex = Section(key="changes", title="別紙 変更箇所", basis="", tables=[changes] if paper.changes else [],
                    messages=[] if paper.changes else ["変更箇所はありません。"])
    return PaperDocument(title=TITLE, subtitle=round.title, sections=[first, annex])


@login_required
@require_GET
def evaluation_paper(request, pk: int):
    round = evaluation_round_for(request.actor, pk)  # 404 outside the scope, first
    kind = request.GET.get("format", "docx")
    if kind not in ("docx", "pdf"):
        return HttpResponseBadRequest("形式（format=docx・pdf）を指定してください。".encode(),
                                      content_type="text/plain; charset=utf-8")
    response = document_response(kind, document_of(consultation_paper(round)), stem=f"consultation-{round.pk}")
    response["Cache-Control"] = "private, no-store"
    return response
