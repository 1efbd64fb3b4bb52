"""GET /api/v1/reports/annual (issue 16 §5): the annual report's figures as JSON, or the documents.

``?fiscal_year=YYYY`` (required), ``&as_of=YYYY-MM-DD`` (everything limited to that day, records as they
stood then), ``&format=json|docx|pdf|xlsx``. The office and the auditors only; every other role 403.
"""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response

from hogokan.core.rest import ApiView, DateField, FiscalYearField, api_actor
from hogokan.reports.annual import annual_report, annual_summary
from hogokan.reports.catalogue import ReportContext
from hogokan.reports.documents import DOCX, PDF, document_response
from hogokan.reports.views import READERS_ONLY, may_read_reports

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ReportNegotiation(DefaultContentNegotiation):
    """``format`` names the document here (docx, pdf, xlsx), not DRF's renderer: answers (errors too) are JSON."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class AnnualParams(serializers.Serializer):
    fiscal_year = FiscalYearField(help_text="年度（西暦、2026 = 令和8年度: 2026年4月〜2027年3月）")
    as_of = DateField(required=False, help_text="この日までの記録に限る（この日の状態で数える）")
    format = serializers.ChoiceField(choices=["json", "docx", "pdf", "xlsx"], required=False, default="json",
                                     help_text="json（既定）・docx（Word）・pdf・xlsx（表ごとのシート）")


class CountsField(serializers.DictField):
    child = serializers.IntegerField()


class IncidentsSummary(serializers.Serializer):
    total = serializers.IntegerField(help_text="判明日が年度内の事案")
    reported_to_ppc = serializers.IntegerField(help_text="うち個人情報保護委員会へ報告（速報または確報）したもの")
    report_required = serializers.IntegerField()
    persons = serializers.IntegerField()
    by_cause = CountsField()


class RequestsSummary(serializers.Serializer):
    received = serializers.IntegerField(help_text="受付日が年度内の開示・訂正・利用停止請求")
    by_kind = CountsField()
    decisions = serializers.IntegerField()
    by_decision = CountsField()
    appeals = serializers.IntegerField()


class PurposeUsesSummary(serializers.Serializer):
    total = serializers.IntegerField(help_text="承認された目的外利用・外部提供（利用・提供日が年度内）")
    uses = serializers.IntegerField()
    provisions = serializers.IntegerField()


class InspectionsSummary(serializers.Serializer):
    campaigns = serializers.IntegerField(help_text="年度の点検（定期点検・点検強化月間・システム点検）")
    monthly = serializers.IntegerField()
    strengthening = serializers.IntegerField()
    responses = serializers.IntegerField()
    submitted = serializers.IntegerField()
    ng = serializers.IntegerField()


class RegistersSummary(serializers.Serializer):
    files = serializers.IntegerField(help_text="年度末（または as_of）に個人情報ファイル簿に載っているファイル")
    computer = serializers.IntegerField()
    manual = serializers.IntegerField()
    specific = serializers.IntegerField()
    registered = serializers.IntegerField()
    retired = serializers.IntegerField()
    pias = serializers.IntegerField()


class TrainingSummary(serializers.Serializer):
    courses = serializers.IntegerField()
    sessions = serializers.IntegerField()
    completed = serializers.IntegerField()


class AuditsSummary(serializers.Serializer):
    visits = serializers.IntegerField()
    findings = serializers.IntegerField()
    open_findings = serializers.IntegerField()
    practices = serializers.IntegerField()


class PeriodSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()


class SectionSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    available = serializers.BooleanField()


class AnnualSummary(serializers.Serializer):
    fiscal_year = serializers.IntegerField()
    as_of = serializers.DateField(allow_null=True)
    period = PeriodSerializer()
    title = serializers.CharField()
    incidents = IncidentsSummary()
    disclosure_requests = RequestsSummary()
    purpose_uses = PurposeUsesSummary()
    inspections = InspectionsSummary()
    registers = RegistersSummary()
    training = TrainingSummary()
    audits = AuditsSummary()
    sections = SectionSerializer(many=True)


class AnnualView(ApiView):
    """The annual report of a fiscal year: its figures (JSON) or the Word / PDF / Excel document."""

    content_negotiation_class = ReportNegotiation

    @extend_schema(
        summary="年次報告（保有する情報の保護及び管理の状況）", parameters=[AnnualParams],
        responses={(200, "application/json"): AnnualSummary,
                   (200, DOCX): OpenApiResponse(OpenApiTypes.BINARY, description="Word"),
                   (200, PDF): OpenApiResponse(OpenApiTypes.BINARY, description="PDF"),
                   (200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description="Excel")},
        description="事案は判明日、請求は受付日で年度（4月〜翌年3月）に数えます。as_of を指定するとその日までの記録を"
                    "その日の状態で数えます。事務局（総括保護管理者）と監査担当のみ（ほかの役割は 403）。")
    def get(self, request):
        actor = api_actor(request)
        if not may_read_reports(actor):
            raise exceptions.PermissionDenied(READERS_ONLY)
        params = self.validated_params(AnnualParams)
        ctx = ReportContext(actor, params["fiscal_year"], params.get("as_of"), timezone.localdate())
        kind = params["format"]
        if kind != "json":
            response = document_response(kind, annual_report(ctx), stem=f"annual-report-{ctx.fiscal_year}")
            response["Cache-Control"] = "private, no-store"
            return response
        return Response(AnnualSummary(annual_summary(ctx)).data)
