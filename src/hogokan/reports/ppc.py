"""The PPC 漏えい等報告 drafts (速報・確報) as Word and PDF: the incidents module builds the draft
(incidents.api.ppc_draft_for); this module only prints it through the one document home (documents.py).

- the page: /reports/incidents/<pk>/ppc-report/?stage=preliminary|final&format=docx|pdf (the incident page's
  download buttons);
- the API: GET /api/v1/incidents/{id}/ppc-report?stage=…&format=json|docx|pdf (the contract of issue 22 §4).
The office and the incident's unit only; anyone else gets 404.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.views.decorators.http import require_GET
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from hogokan.core.calendar import wareki
from hogokan.core.exports import Table
from hogokan.core.rest import ApiView, api_actor
from hogokan.incidents.api import PPC_STAGES, ppc_draft, ppc_incident_for, ppc_incidents
from hogokan.reports.annual import Section
from hogokan.reports.documents import DOCX, PDF, document_response
from hogokan.reports.rest import ReportNegotiation

BASIS = "個人情報保護法68条1項・施行規則44条（番号法29条の4・特定個人情報漏えい等報告規則）"


@dataclass
class PpcDocument:
    """One draft as the document home prints it: a title, a subtitle and one table of the form's items."""

    title: str
    subtitle: str
    sections: list[Section] = field(default_factory=list)
    landscape: bool = False

    @property
    def tables(self) -> list[Table]:
        return [table for section in self.sections for table in section.tables]

    @property
    def charts(self) -> list:
        return []


def document_of(draft) -> PpcDocument:
    incident = draft.incident
    due = f"　提出期限（目安）{wareki(draft.due_on)}" if draft.due_on else ""
    rows = [(item.label, draft.shown(item), "未確認" if item.missing else "") for item in draft.items]
    messages = ["この文書は下書きです。個人情報保護委員会の報告フォームに転記してから提出してください。"]
    if draft.missing:
        messages.append("未確認の項目: " + "、".join(item.label for item in draft.missing))
    table = Table(f"ppc_{draft.stage}", "報告事項", ["項目", "内容", "確認"], rows)
    section = Section(key="ppc", title=f"{draft.stage_label}の報告事項", basis=BASIS, tables=[table],
                      messages=messages)
    return PpcDocument(title=f"{draft.title}（下書き）",
                       subtitle=f"事案番号 {incident.number}　{incident.title}（{incident.unit.name}）{due}",
                       sections=[section])


def download(draft, kind: str):
    response = document_response(kind, document_of(draft), stem=f"ppc-{draft.stage}-{draft.incident.number}")
    response["Cache-Control"] = "private, no-store"
    return response


# ---- the page's downloads ----------------------------------------------------------------------------------

@login_required
@require_GET
def ppc_download(request, pk: int):
    incident = ppc_incident_for(request.actor, pk)  # 404 outside the office and the incident's unit, first
    stage, kind = request.GET.get("stage", "preliminary"), request.GET.get("format", "docx")
    if stage not in PPC_STAGES or kind not in ("docx", "pdf"):
        return HttpResponseBadRequest("報告の種類（stage=preliminary・final）と形式（format=docx・pdf）を指定してください。"
                                      .encode(), content_type="text/plain; charset=utf-8")
    return download(ppc_draft(incident, stage), kind)


# ---- the API ----------------------------------------------------------------------------------------------

class PpcParams(serializers.Serializer):
    stage = serializers.ChoiceField(choices=list(PPC_STAGES), help_text="preliminary（速報）・final（確報）",
                                    error_messages={"required": "stage（preliminary か final）を指定してください。",
                                                    "invalid_choice": "stage は preliminary か final で指定してください。"})
    format = serializers.ChoiceField(choices=["json", "docx", "pdf"], required=False, default="json",
                                     help_text="json（既定）・docx（Word）・pdf",
                                     error_messages={"invalid_choice": "format は json, docx, pdf のいずれかです。"})


class PpcItemSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    value = serializers.CharField(allow_blank=True)
    missing = serializers.BooleanField(help_text="記録にまだない（未確認の）項目")


class PpcDraftSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=list(PPC_STAGES))
    due_on = serializers.DateField(allow_null=True, help_text="速報の目安又は確報の期限（報告不要なら null）")
    items = PpcItemSerializer(many=True)


class PpcReportView(ApiView):
    """The 速報 / 確報 draft of one incident, prefilled from the record."""

    content_negotiation_class = ReportNegotiation
    queryset = ppc_incidents()  # what the path's {id} names (the fuzz test aims at real rows)

    @extend_schema(
        summary="個人情報保護委員会への漏えい等報告（速報・確報）の下書き", parameters=[PpcParams],
        responses={(200, "application/json"): PpcDraftSerializer,
                   (200, DOCX): OpenApiResponse(OpenApiTypes.BINARY, description="Word"),
                   (200, PDF): OpenApiResponse(OpenApiTypes.BINARY, description="PDF")},
        description="事案の記録から報告事項を埋めた下書き。記録にまだない項目は missing: true。due_on は速報の"
                    "目安又は確報の期限。事務局（総括保護管理者）と事案の部署のみ（ほかは 404）。")
    def get(self, request, pk):
        incident = ppc_incident_for(api_actor(request), pk)  # 404 outside the scope, before the parameters
        params = self.validated_params(PpcParams)
        draft = ppc_draft(incident, params["stage"])
        if params["format"] != "json":
            return download(draft, params["format"])
        response = Response(PpcDraftSerializer(draft.as_dict()).data)
        response["Cache-Control"] = "private, no-store"
        return response
