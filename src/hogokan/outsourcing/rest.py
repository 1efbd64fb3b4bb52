"""/api/v1/outsourcing/… (contracts and companies, read, scoped like the pages) and
POST /api/v1/rules/contractor-inspections (the stateless schedule calculator).

Errors are ``{"errors": {field: [messages]}}`` in Japanese (core.rest).
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, serializers
from rest_framework.response import Response

from hogokan.core.rest import EVERY_ROLE, ApiView, DateField, InputSerializer, RecordSerializer, ScopedViewSet
from hogokan.outsourcing import rules
from hogokan.outsourcing.forms import CompanyFilterForm, ContractFilterForm
from hogokan.outsourcing.models import Company, Contract

MAX_PERSONS = 10**9
DATE_ERRORS = {"invalid": "日付は YYYY-MM-DD の形で、実在する日付を指定してください。", "required": "この項目は必須です。",
               "null": "この項目は必須です。"}


def _bool(name: str, default: bool) -> serializers.BooleanField:
    return serializers.BooleanField(required=False, default=default,
                                    error_messages={"invalid": f"{name} は true か false で指定してください。"})


# ---- rules/contractor-inspections ---------------------------------------------------------------------

class InspectionRuleInput(InputSerializer):
    default_error_messages = {"invalid": "入力は start、end などを持つ JSON のオブジェクトで指定してください。"}
    start = DateField(help_text="契約期間の開始日（YYYY-MM-DD）", error_messages=DATE_ERRORS)
    end = DateField(help_text="契約期間の終了日（YYYY-MM-DD）", error_messages=DATE_ERRORS)
    persons = serializers.IntegerField(required=False, default=0, min_value=0, max_value=MAX_PERSONS,
                                       help_text="取り扱う個人情報の本人の数", error_messages={
                                           "invalid": "persons（本人の数）は0以上の整数で指定してください。",
                                           "min_value": "persons（本人の数）は0以上の整数で指定してください。",
                                           "max_value": "persons（本人の数）が大きすぎます。",
                                           "null": "persons（本人の数）は0以上の整数で指定してください。"})
    designated_manager = _bool("designated_manager", False)
    handles_personal_information = _bool("handles_personal_information", True)

    def validate(self, attrs):
        if attrs["end"] < attrs["start"]:
            raise serializers.ValidationError({"end": ["契約期間の終了日（end）は開始日（start）以降の日付にしてください。"]})
        return attrs


class PlannedInspectionOutput(serializers.Serializer):
    fiscal_year = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=[rules.ONSITE, rules.DOCUMENT])
    due = DateField()


class InspectionRuleOutput(serializers.Serializer):
    inspections = PlannedInspectionOutput(many=True)
    explanation = serializers.ListField(child=serializers.CharField())


class ContractorInspectionsView(ApiView):
    """POST /api/v1/rules/contractor-inspections: the inspections a contract needs; nothing is stored."""

    write_roles = EVERY_ROLE  # a calculation, not a write

    @extend_schema(summary="受託者への検査（実地・書面）の年度ごとの予定", request=InspectionRuleInput,
                   responses={200: InspectionRuleOutput},
                   description="八千代市基準（名古屋市の人数基準を設定で）による。記録は作りません。")
    def post(self, request):
        data = self.validated_input(InspectionRuleInput)
        try:
            schedule = rules.inspections(rules.ContractFacts(**data), rules.onsite_persons_from_settings())
        except rules.FactsError as exc:
            raise exceptions.ValidationError({exc.field: [exc.message]}) from exc
        return Response(schedule.as_dict())


# ---- contracts and companies -----------------------------------------------------------------------------

class CompanySerializer(RecordSerializer):
    class Meta:
        model = Company
        fields = ["id", "name", "corporate_number", "address", "contact", "email"]
        read_only_fields = fields


class ContractSerializer(RecordSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    company_name = serializers.CharField(source="company.name", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Contract
        fields = ["id", "title", "unit", "unit_name", "company", "company_name", "kind", "kind_label", "status",
                  "status_label", "period_start", "period_end", "handles_personal_information", "persons_handled",
                  "handles_my_number", "subcontracting", "special_spec_attached", "common_spec_attached",
                  "renewal_of"]
        read_only_fields = fields


class ContractViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    queryset = Contract.objects.select_related("unit", "company").order_by("-period_start", "title", "pk")
    serializer_class = ContractSerializer
    filter_form = ContractFilterForm


class CompanyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    queryset = Company.objects.order_by("name", "pk")
    serializer_class = CompanySerializer
    filter_form = CompanyFilterForm
