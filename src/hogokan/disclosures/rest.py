"""/api/v1/disclosures/…: requests (read, scoped) and POST /api/v1/rules/request-deadline.

Requester data appear only for the office and the handling units' officer/staff (``requester`` is null
for everyone else). Errors are ``{"errors": {field: [messages]}}`` in Japanese.
"""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers
from rest_framework.response import Response

from hogokan.core.calendar import body_calendar
from hogokan.core.rest import (
    EVERY_ROLE,
    ApiView,
    DateField,
    InputSerializer,
    RecordSerializer,
    ScopedViewSet,
    api_actor,
)
from hogokan.disclosures import rules
from hogokan.disclosures.forms import RequestFilterForm
from hogokan.disclosures.models import Appeal, DataSubjectRequest, Decision
from hogokan.disclosures.scoping import sees_requester

DATE_ERRORS = {"invalid": "日付は YYYY-MM-DD の形で指定してください。", "required": "この項目は必須です。",
               "null": "この項目は必須です。"}


class DecisionSerializer(RecordSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    type_label = serializers.CharField(source="get_type_display", read_only=True)

    class Meta:
        model = Decision
        fields = ["id", "unit", "unit_name", "type", "type_label", "grounds", "decided_on", "notified_on", "method",
                  "exercise_requested_on", "disclosed_on", "pages", "fee"]
        read_only_fields = fields


class AppealSerializer(RecordSerializer):
    class Meta:
        model = Appeal
        fields = ["id", "decision", "filed_on", "exception_105", "consulted_on", "report_on", "result", "decided_on"]
        read_only_fields = fields


class RequesterSerializer(serializers.Serializer):
    name = serializers.CharField()
    address = serializers.CharField()
    contact = serializers.CharField()
    representative_kind = serializers.CharField()
    representative_name = serializers.CharField()
    identity_document = serializers.CharField()
    identity_checked_on = DateField(allow_null=True)


class DataSubjectRequestSerializer(RecordSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    organ_name = serializers.CharField(source="organ.name", read_only=True)
    units = serializers.SerializerMethodField()
    requester = serializers.SerializerMethodField(help_text="事務局と担当課の保護責任者・職員だけ。ほかは null")
    decisions = DecisionSerializer(many=True, read_only=True)
    appeals = AppealSerializer(many=True, read_only=True)
    personal_info_file_id = serializers.IntegerField(read_only=True, allow_null=True,
                                                     help_text="個人情報ファイル簿の ID（登録されていなければ null）")

    class Meta:
        model = DataSubjectRequest
        fields = ["id", "number", "kind", "kind_label", "organ", "organ_name", "received_on", "channel", "units",
                  "requester", "target_description", "file_or_affair_name", "personal_info_file_id", "due_date",
                  "extended_due_date", "recommended_by", "extension_days", "extension_notified_on",
                  "special_notified_on", "withdrawn_on", "decisions", "appeals"]
        read_only_fields = fields

    def get_units(self, obj) -> list[int]:
        return [link.unit_id for link in obj.units.all()]

    @extend_schema_field(RequesterSerializer(allow_null=True))
    def get_requester(self, obj):
        request = self.context.get("request")
        if request is None or not sees_requester(api_actor(request), obj):
            return None
        return {"name": obj.requester_name, "address": obj.requester_address, "contact": obj.requester_contact,
                "representative_kind": obj.representative_kind, "representative_name": obj.representative_name,
                "identity_document": obj.identity_document, "identity_checked_on": obj.identity_checked_on}


class RequestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    queryset = (DataSubjectRequest.objects.select_related("organ")
                .prefetch_related("units", "decisions__unit", "appeals").order_by("-received_on", "-number"))
    serializer_class = DataSubjectRequestSerializer
    filter_form = RequestFilterForm


# ---- rules/request-deadline -------------------------------------------------------------------------

class CorrectionInput(InputSerializer):
    requested_on = DateField(error_messages=DATE_ERRORS)
    received_on = DateField(error_messages=DATE_ERRORS)

    def validate(self, data):
        if data["received_on"] < data["requested_on"]:
            raise serializers.ValidationError({"received_on": "補正を受けた日が補正を求めた日より前です。"})
        return data


class DeadlineInput(InputSerializer):
    kind = serializers.ChoiceField(choices=list(rules.KINDS), error_messages={
        "invalid_choice": "kind は disclosure / correction / suspension のいずれかです。", "required": "この項目は必須です。"})
    received_on = DateField(error_messages=DATE_ERRORS)
    corrections = CorrectionInput(many=True, required=False, default=list)
    extended = serializers.BooleanField(required=False, default=False,
                                        error_messages={"invalid": "extended は true / false で指定してください。"})

    def validate(self, data):
        periods = [rules.CorrectionPeriod(c["requested_on"], c["received_on"]) for c in data["corrections"]]
        errors = rules.check_corrections(data["received_on"], periods)
        if errors:
            raise serializers.ValidationError({"corrections": errors})
        return data


class DeadlineOutput(serializers.Serializer):
    due = DateField()
    extended_due = DateField(allow_null=True)
    recommended_by = DateField()
    explanation = serializers.ListField(child=serializers.CharField())


class RequestDeadlineView(ApiView):
    """The decision deadline of a request (法83/94/102), with 補正 and the extension; pure computation."""

    write_roles = EVERY_ROLE  # a calculation, not a write

    @extend_schema(request=DeadlineInput, responses=DeadlineOutput, summary="開示請求等の決定期限")
    def post(self, request):
        data = self.validated_input(DeadlineInput)
        periods = [rules.CorrectionPeriod(c["requested_on"], c["received_on"]) for c in data["corrections"]]
        result = rules.request_deadline(
            data["kind"], data["received_on"], periods, extended=data["extended"],
            period_days=settings.HOGOKAN_DISCLOSURE_PERIOD_DAYS, calendar=body_calendar(),
            closed_day_policy=settings.HOGOKAN_DISCLOSURE_DEADLINE_ON_CLOSED_DAY)
        return Response({
            "due": result.due.isoformat(),
            "extended_due": result.extended_due.isoformat() if result.extended_due else None,
            "recommended_by": result.recommended_by.isoformat(),
            "explanation": result.explanation,
        })
