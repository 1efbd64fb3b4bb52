"""/api/v1/outsourcing/…: the contractor's filings, scoped like the pages (a contractor: its own contracts).

- ``outsourcing/reports`` 管理体制等報告書 (every version), ``…/{id}/accept`` 受理 and ``…/{id}/return`` 差戻し
  (the section's officer, the office);
- ``outsourcing/subcontracts`` 再委託;
- ``outsourcing/deletion-reports`` 削除・返却報告, ``…/{id}/confirm`` 確認 (the section);
- ``outsourcing/yearly-counts`` 取扱件数: read, and POST by the contractor for one of its contracts.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from hogokan.core.rest import (
    FiscalYearField,
    InputSerializer,
    RecordSerializer,
    ScopedPrimaryKeyRelatedField,
    ScopedViewSet,
    call_service,
)
from hogokan.org.models import Role
from hogokan.outsourcing import services_filings as services
from hogokan.outsourcing.models import Contract
from hogokan.outsourcing.models_filings import (
    ContractorReport,
    ContractorYearlyCount,
    DeletionReport,
    Subcontract,
)
from hogokan.outsourcing.scoping_filings import may_file, may_review

REVIEWERS = (Role.OFFICER, Role.CHIEF)
NOT_REVIEWER = "受理・差戻し・確認は、委託の担当課の保護責任者又は事務局が行います。"


class MeasureSerializer(serializers.Serializer):
    number = serializers.CharField()
    category = serializers.CharField()
    selected = serializers.ListField(child=serializers.CharField(), help_text="講じている措置（様式の文言）")
    remark = serializers.CharField(help_text="その他の措置・備考")


class ReportSerializer(RecordSerializer):
    # Plain strings (not enums): the codes are listed in the labels' fields and the docs.
    kind = serializers.CharField(read_only=True, help_text="new（新規）/ change（変更）")
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status = serializers.CharField(read_only=True, help_text="draft / submitted / accepted / returned")
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    measures = serializers.SerializerMethodField()

    class Meta:
        model = ContractorReport
        fields = ["id", "contract", "subcontract", "version", "kind", "kind_label", "status", "status_label",
                  *services.REPORT_FIELDS, "measures", "submitted_at", "decided_at", "return_reason"]
        read_only_fields = fields

    @extend_schema(responses=MeasureSerializer(many=True))
    def get_measures(self, report) -> list[dict]:
        answers = {answer.item_id: answer for answer in report.sheet.answers.all()}
        result = []
        for item in report.sheet.template.items.order_by("order"):
            item.template = report.sheet.template
            answer = answers.get(item.pk)
            labels = dict(item.options())
            result.append({"number": item.number, "category": item.category,
                           "selected": [labels.get(code, code) for code in (answer.selected if answer else [])],
                           "remark": answer.remark if answer else ""})
        return result


class SubcontractSerializer(RecordSerializer):
    status = serializers.CharField(read_only=True, help_text="submitted（申請中）/ approved（承認）/ refused（不承認）")
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Subcontract
        fields = ["id", "contract", "status", "status_label", *services.SUBCONTRACT_FIELDS, "submitted_at",
                  "decided_at", "return_reason"]
        read_only_fields = fields


class DeletionReportSerializer(RecordSerializer):
    method = serializers.CharField(read_only=True, help_text="erasure（消去）/ destruction（廃棄）/ return（返却）")
    method_label = serializers.CharField(source="get_method_display", read_only=True)
    status = serializers.CharField(read_only=True, help_text="submitted / accepted（確認済み）/ returned")
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = DeletionReport
        fields = ["id", "contract", "status", "status_label", "name", "medium", "quantity", "method", "method_label",
                  "method_detail", "done_on", "done_time", "person_in_charge", "submitted_at", "decided_at",
                  "return_reason"]
        read_only_fields = fields


class YearlyCountSerializer(RecordSerializer):
    class Meta:
        model = ContractorYearlyCount
        fields = ["id", "contract", "fiscal_year", "takeouts", "home_takeouts", "copies", "remarks", "reported_at"]
        read_only_fields = fields


class YearlyCountInputSerializer(InputSerializer):
    contract = ScopedPrimaryKeyRelatedField(queryset=Contract.objects.all(), help_text="委託の ID")
    fiscal_year = FiscalYearField()
    takeouts = serializers.IntegerField(min_value=0, max_value=services.COUNT_MAX)
    home_takeouts = serializers.IntegerField(min_value=0, max_value=services.COUNT_MAX)
    copies = serializers.IntegerField(min_value=0, max_value=services.COUNT_MAX)
    remarks = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class DecisionInputSerializer(InputSerializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000,
                                   help_text="差戻しの理由（必須）・受理のコメント（任意）")


class _Filings(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    def reviewed_object(self):
        """The record of the URL for a decision: 404 outside the scope, 403 for those who may not review."""
        record = self.get_object()
        if not may_review(self.actor, record.contract):
            raise exceptions.PermissionDenied(NOT_REVIEWER)
        return record

    def decision_reason(self) -> str:
        return self.validated_input(DecisionInputSerializer)["reason"]


class ReportViewSet(_Filings):
    queryset = ContractorReport.objects.select_related("sheet__template").prefetch_related("sheet__answers").order_by(
        "contract_id", "subcontract_id", "-version")
    serializer_class = ReportSerializer
    write_roles = REVIEWERS

    @extend_schema(summary="管理体制等報告書の受理（担当課）", request=DecisionInputSerializer,
                   responses={200: ReportSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        report = self.reviewed_object()
        reason = self.decision_reason()
        call_service(services.report_accept, actor=request.user, report=report, comment=reason)
        return Response(ReportSerializer(self.get_object()).data)

    @extend_schema(summary="管理体制等報告書の差戻し（担当課、理由は必須）", request=DecisionInputSerializer,
                   responses={200: ReportSerializer})
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def send_back(self, request, pk=None):
        report = self.reviewed_object()
        reason = self.decision_reason()
        call_service(services.report_return, actor=request.user, report=report, reason=reason)
        return Response(ReportSerializer(self.get_object()).data)


class SubcontractViewSet(_Filings):
    queryset = Subcontract.objects.order_by("contract_id", "created_at")
    serializer_class = SubcontractSerializer


class DeletionReportViewSet(_Filings):
    queryset = DeletionReport.objects.order_by("contract_id", "created_at")
    serializer_class = DeletionReportSerializer
    write_roles = REVIEWERS

    @extend_schema(summary="削除・返却報告の確認（担当課）", request=DecisionInputSerializer,
                   responses={200: DeletionReportSerializer})
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        report = self.reviewed_object()
        reason = self.decision_reason()
        call_service(services.deletion_report_confirm, actor=request.user, report=report, comment=reason)
        return Response(DeletionReportSerializer(self.get_object()).data)


class YearlyCountViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    queryset = ContractorYearlyCount.objects.order_by("contract_id", "-fiscal_year")
    serializer_class = YearlyCountSerializer
    write_roles = (Role.CONTRACTOR,)

    @extend_schema(summary="取扱件数の報告（受託者。同じ年度は置き換え）", request=YearlyCountInputSerializer,
                   responses={201: YearlyCountSerializer})
    def create(self, request):
        data = dict(self.validated_input(YearlyCountInputSerializer))
        contract = data.pop("contract")
        if not may_file(self.actor, contract):
            raise exceptions.PermissionDenied("取扱件数は受託者が報告します。")
        count = call_service(services.yearly_count_save, actor=request.user, contract=contract, **data)
        return Response(YearlyCountSerializer(count).data, status=201)


def register(router) -> None:
    router.register("outsourcing/reports", ReportViewSet, basename="outsourcing-report")
    router.register("outsourcing/subcontracts", SubcontractViewSet, basename="outsourcing-subcontract")
    router.register("outsourcing/deletion-reports", DeletionReportViewSet, basename="outsourcing-deletion-report")
    router.register("outsourcing/yearly-counts", YearlyCountViewSet, basename="outsourcing-yearly-count")
