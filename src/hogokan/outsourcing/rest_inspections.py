"""/api/v1/outsourcing/inspections[/{id}]: the inspections of running contracts, scoped like the pages
(a contractor: its own company's contracts only), with the 検査書's answers and the improvement reports.

Filters are the section list's (``InspectionFilterForm``): ``q``, ``fiscal_year``, ``status``, ``kind``,
``overdue``.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers

from hogokan.core.rest import RecordSerializer, ScopedViewSet
from hogokan.outsourcing.forms_inspections import InspectionFilterForm
from hogokan.outsourcing.models_inspections import ContractInspection, ImprovementReport


class InspectionAnswerSerializer(serializers.Serializer):
    number = serializers.CharField()
    category = serializers.CharField(help_text="点検項目")
    text = serializers.CharField(help_text="点検事項")
    answer = serializers.CharField(help_text="ok（適）/ ng（否）/ na（－）/ 空欄（未回答）")
    answer_label = serializers.CharField()
    remark = serializers.CharField(help_text="備考")


class ImprovementSerializer(RecordSerializer):
    status = serializers.CharField(read_only=True, help_text="requested（提出待ち）/ submitted / accepted / returned")
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = ImprovementReport
        fields = ["id", "status", "status_label", "due_on", "findings", "measures", "done_on", "submitted_at",
                  "decided_at", "return_reason"]
        read_only_fields = fields


class InspectionSerializer(RecordSerializer):
    kind = serializers.CharField(read_only=True, help_text="onsite（実地検査）/ document（書面検査）")
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    origin = serializers.CharField(read_only=True, help_text="rule（基準による）/ added（担当課が追加）")
    status = serializers.CharField(read_only=True, help_text="planned / answering / reviewing / done / improvement "
                                                             "/ cancelled")
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    contract_title = serializers.CharField(source="contract.title", read_only=True)
    answers = serializers.SerializerMethodField()
    improvements = ImprovementSerializer(many=True, read_only=True)

    class Meta:
        model = ContractInspection
        fields = ["id", "contract", "contract_title", "fiscal_year", "kind", "kind_label", "origin", "status",
                  "status_label", "due_on", "inspected_on", "inspector", "respondent_department", "respondent_title",
                  "respondent_name", "requested_at", "answered_at", "notified_at", "result_comment", "return_reason",
                  "answers", "improvements"]
        read_only_fields = fields

    @extend_schema(responses=InspectionAnswerSerializer(many=True))
    def get_answers(self, inspection) -> list[dict]:
        sheet = inspection.sheet
        if sheet is None:
            return []
        answers = {answer.item_id: answer for answer in sheet.answers.all()}
        result = []
        for item in sheet.template.items.order_by("order"):
            item.template = sheet.template
            answer = answers.get(item.pk)
            value = answer.value if answer else ""
            result.append({"number": item.number, "category": item.category, "text": item.text, "answer": value,
                           "answer_label": dict(item.options()).get(value, ""),
                           "remark": answer.remark if answer else ""})
        return result


class InspectionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    queryset = (ContractInspection.objects.select_related("contract", "sheet__template")
                .prefetch_related("sheet__answers", "improvements").order_by("due_on", "contract_id", "pk"))
    serializer_class = InspectionSerializer
    filter_form = InspectionFilterForm


def register(router) -> None:
    router.register("outsourcing/inspections", InspectionViewSet, basename="outsourcing-inspection")
