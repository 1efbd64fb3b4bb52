"""/api/v1/incidents/… (scoped CRUD) and /api/v1/rules/breach-report (the stateless calculator).

Reads are narrowed by ``restrict`` (a record outside the scope answers 404); writes go through the
services, whose Japanese errors come back as 400 ``{"errors": {field: [...]}}``.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, serializers
from rest_framework.response import Response

from hogokan.core.permissions import VIEW, can, restrict
from hogokan.core.rest import (
    EVERY_ROLE,
    ApiView,
    DateField,
    InputSerializer,
    RecordSerializer,
    ScopedPrimaryKeyRelatedField,
    ScopedViewSet,
    api_actor,
    call_service,
)
from hogokan.incidents import rules, services
from hogokan.incidents.forms import IncidentFilterForm, NearMissFilterForm
from hogokan.incidents.models import DataItem, Incident, NearMiss
from hogokan.incidents.scoping import REPORT
from hogokan.org.models import OrgUnit, Role
from hogokan.outsourcing.models import Contract

MAX_PERSONS = 10**9  # 本人の数: more than any body holds, and within every database's integer column


def _bool(label: str) -> serializers.BooleanField:
    return serializers.BooleanField(required=False, default=False, error_messages={
        "invalid": f"{label}は true か false で指定してください。"})


# ---- the calculator ---------------------------------------------------------------------------------

class BreachReportInputSerializer(InputSerializer):
    default_error_messages = {"invalid": "入力は learned_on、persons などを持つ JSON のオブジェクトで指定してください。"}
    learned_on = DateField(help_text="判明日（YYYY-MM-DD）", error_messages={
        "required": "learned_on（判明日）は必須です。", "null": "learned_on（判明日）は必須です。",
        "invalid": "learned_on は YYYY-MM-DD 形式の日付で指定してください。"})
    persons = serializers.IntegerField(min_value=0, max_value=MAX_PERSONS, help_text="本人の数（概数なら最大数）",
                                       error_messages={
                                           "required": "persons（本人の数）は必須です。",
                                           "null": "persons（本人の数）は必須です。",
                                           "invalid": "persons は0以上の整数で指定してください。",
                                           "min_value": "persons は0以上の整数で指定してください。",
                                           "max_value": "persons が大きすぎます。"})
    persons_is_estimate = _bool("persons_is_estimate")
    sensitive = _bool("sensitive")
    ordinance_sensitive = _bool("ordinance_sensitive")
    property_risk = _bool("property_risk")
    malicious = _bool("malicious")
    strongly_encrypted = _bool("strongly_encrypted")
    my_number = _bool("my_number")
    my_number_system = serializers.ChoiceField(choices=rules.MN_SYSTEM_CHOICES, required=False, default="none",
                                               error_messages={"invalid_choice": "my_number_system は network, "
                                                               "number_use_system, related_affairs_system, none の"
                                                               "いずれかで指定してください。"})
    published_on_web = _bool("published_on_web")

    def validate(self, attrs):
        if attrs.get("my_number_system", "none") != "none" and not attrs.get("my_number"):
            raise serializers.ValidationError({"my_number_system": [
                "my_number が false のときは my_number_system に none を指定してください。"]})
        return attrs


class BreachReportOutputSerializer(serializers.Serializer):
    report_required = serializers.BooleanField()
    laws = serializers.ListField(child=serializers.ChoiceField(choices=rules.LAWS))
    grounds = serializers.ListField(child=serializers.ChoiceField(choices=rules.GROUNDS))
    preliminary_due = DateField(allow_null=True)
    final_due = DateField(allow_null=True)
    explanation = serializers.ListField(child=serializers.CharField())


class BreachReportView(ApiView):
    """POST /api/v1/rules/breach-report: the PPC-report decision for given facts; nothing is stored."""

    write_roles = EVERY_ROLE  # a calculation, not a write

    @extend_schema(summary="漏えい等報告の要否と期限の計算", request=BreachReportInputSerializer,
                   responses={200: BreachReportOutputSerializer},
                   description="法68条・規則43〜44条・番号法29条の4・特定個人情報ガイドラインによる判定。"
                               "記録は作りません（他システムからの照会、仮定の質問用）。")
    def post(self, request):
        data = self.validated_input(BreachReportInputSerializer)
        decision = rules.decide(rules.BreachFacts(**data), rules.timing_from_settings())
        return Response(decision.as_dict())


# ---- incidents ----------------------------------------------------------------------------------------

class IncidentSerializer(RecordSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    data_items = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)

    class Meta:
        model = Incident
        fields = ["id", "number", "title", "unit", "unit_name", "occurred_on", "learned_on", "learned_how",
                  "discoverer", "discovered_by", "discovered_how", "discovered_at", "summary",
                  "data_items", "data_items_note", "persons", "persons_is_estimate", "medium", "kind", "cause",
                  "cause_detail", "initial_response", "secondary_damage_status", "secondary_damage",
                  "contractor_involved", "contract",
                  "contractor_name", "strongly_encrypted", "malicious", "published_on_web", "my_number_system",
                  "status", "status_label", "report_required", "report_pending", "report_laws", "report_grounds",
                  "preliminary_due",
                  "final_due", "preliminary_reported_on", "final_reported_on", "notice_status", "notice_date",
                  "notice_method", "notice_exemption", "substitute_measure", "notice_exemption_reason",
                  "published_on", "publication_note"]
        read_only_fields = fields


def _column_date(name: str, **kwargs) -> DateField:
    """An incident's date as its column allows it (平成 onward, not in the future)."""
    return DateField.for_column(Incident._meta.get_field(name), **kwargs)


class IncidentCreateSerializer(InputSerializer):
    title = serializers.CharField(max_length=200)
    unit = ScopedPrimaryKeyRelatedField(queryset=OrgUnit.objects.all(), required=False, allow_null=True)
    contract = ScopedPrimaryKeyRelatedField(queryset=Contract.objects.all(), required=False, allow_null=True)
    learned_on = _column_date("learned_on")
    persons = serializers.IntegerField(min_value=0, max_value=MAX_PERSONS)
    persons_is_estimate = serializers.BooleanField(required=False, default=False)
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    data_items = serializers.SlugRelatedField(slug_field="name", many=True, required=False,
                                              queryset=DataItem.objects.all())


class IncidentUpdateSerializer(InputSerializer):
    """Facts, notice and (the office only) report dates; only the fields sent change."""

    title = serializers.CharField(max_length=200, required=False)
    occurred_on = _column_date("occurred_on", required=False, allow_null=True)
    learned_on = _column_date("learned_on", required=False)
    learned_how = serializers.CharField(required=False, allow_blank=True)
    discoverer = serializers.ChoiceField(choices=Incident._meta.get_field("discoverer").choices, required=False,
                                         allow_blank=True)
    discovered_by = serializers.CharField(required=False, allow_blank=True, max_length=200)
    discovered_how = serializers.CharField(required=False, allow_blank=True, max_length=300)
    discovered_at = serializers.DateTimeField(required=False, allow_null=True, help_text="発見日時（判明日以前）",
                                              error_messages={"invalid": "discovered_at は 2026-05-01T10:30:00+09:00 "
                                                              "のような日時で指定してください。"})
    summary = serializers.CharField(required=False, allow_blank=True)
    data_items = serializers.SlugRelatedField(slug_field="name", many=True, required=False,
                                              queryset=DataItem.objects.all())
    data_items_note = serializers.CharField(required=False, allow_blank=True, max_length=300)
    persons = serializers.IntegerField(min_value=0, max_value=MAX_PERSONS, required=False)
    persons_is_estimate = serializers.BooleanField(required=False)
    medium = serializers.ChoiceField(choices=Incident._meta.get_field("medium").choices, required=False,
                                     allow_blank=True)
    kind = serializers.ChoiceField(choices=Incident._meta.get_field("kind").choices, required=False, allow_blank=True)
    cause = serializers.ChoiceField(choices=Incident._meta.get_field("cause").choices, required=False,
                                    allow_blank=True)
    cause_detail = serializers.CharField(required=False, allow_blank=True)
    initial_response = serializers.CharField(required=False, allow_blank=True)
    secondary_damage_status = serializers.ChoiceField(
        choices=Incident._meta.get_field("secondary_damage_status").choices, required=False, allow_blank=True)
    secondary_damage = serializers.CharField(required=False, allow_blank=True)
    contractor_involved = serializers.BooleanField(required=False)
    contractor_name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    strongly_encrypted = serializers.BooleanField(required=False)
    malicious = serializers.BooleanField(required=False)
    published_on_web = serializers.BooleanField(required=False)
    my_number_system = serializers.ChoiceField(choices=rules.MN_SYSTEM_CHOICES, required=False)
    notice_status = serializers.ChoiceField(choices=Incident.Notice.choices, required=False)
    notice_date = _column_date("notice_date", required=False, allow_null=True)
    notice_method = serializers.CharField(required=False, allow_blank=True, max_length=200)
    notice_exemption = serializers.ChoiceField(choices=Incident.Exemption.choices, required=False, allow_blank=True)
    substitute_measure = serializers.ChoiceField(choices=Incident.Substitute.choices, required=False,
                                                 allow_blank=True)
    notice_exemption_reason = serializers.CharField(required=False, allow_blank=True)
    published_on = _column_date("published_on", required=False, allow_null=True)
    publication_note = serializers.CharField(required=False, allow_blank=True, max_length=300)
    preliminary_reported_on = _column_date("preliminary_reported_on", required=False, allow_null=True)
    final_reported_on = _column_date("final_reported_on", required=False, allow_null=True)


class IncidentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    queryset = Incident.objects.select_related("unit").prefetch_related("data_items").order_by("-learned_on", "-pk")
    serializer_class = IncidentSerializer
    write_roles = (Role.ADMIN, Role.CHIEF, Role.MANAGER, Role.OFFICER, Role.STAFF, Role.CONTRACTOR)

    filter_form = IncidentFilterForm

    @extend_schema(summary="事故の第一報", request=IncidentCreateSerializer, responses={201: IncidentSerializer})
    def create(self, request):
        actor = self.actor
        data = self.validated_input(IncidentCreateSerializer)
        contract = data.pop("contract", None)
        unit = data.pop("unit", None)
        if actor.is_contractor:
            if contract is None:
                raise exceptions.ValidationError({"contract": ["受託者は事故が起きた委託（contract）を指定してください。"]})
            unit = contract.unit
        elif unit is None:
            raise exceptions.ValidationError({"unit": ["発生部署（unit）を指定してください。"]})
        elif actor.unit_ids is not None and unit.pk not in actor.unit_ids:
            raise exceptions.ValidationError({"unit": ["自分の所属以外の部署の事故は報告できません。"]})
        incident = call_service(services.incident_report, actor=request.user, unit=unit, contract=contract, **data)
        return Response(IncidentSerializer(incident).data, status=201)

    @extend_schema(summary="事故の内容の更新", request=IncidentUpdateSerializer, responses={200: IncidentSerializer})
    def partial_update(self, request, pk=None):
        incident = self.get_changeable_object()
        data = self.validated_input(IncidentUpdateSerializer)
        if {"preliminary_reported_on", "final_reported_on"} & set(data) and not can(self.actor, incident, REPORT):
            raise exceptions.PermissionDenied("委員会への報告日の記録は事務局が行います。")
        items = data.pop("data_items", None)
        incident = call_service(services.incident_update, actor=request.user, incident=incident, data_items=items,
                                reason="API による更新", **data)
        return Response(IncidentSerializer(incident).data)


class NearMissSerializer(RecordSerializer):
    class Meta:
        model = NearMiss
        fields = ["id", "title", "unit", "occurred_on", "medium", "kind", "description", "lesson", "anonymous"]
        read_only_fields = ["id"]


class NearMissInputSerializer(NearMissSerializer):
    """ヒヤリ・ハットの共有の内容。"""  # a component of its own: the schema describes what it takes apart from what it shows


class NearMissViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    queryset = NearMiss.objects.select_related("unit").order_by("-occurred_on", "-pk")
    serializer_class = NearMissSerializer
    write_roles = (Role.ADMIN, Role.CHIEF, Role.MANAGER, Role.OFFICER, Role.STAFF)

    filter_form = NearMissFilterForm

    @extend_schema(summary="ヒヤリ・ハットの共有", request=NearMissInputSerializer, responses={201: NearMissSerializer})
    def create(self, request):
        data = self.validated_input(NearMissInputSerializer)
        near_miss = call_service(services.near_miss_create, actor=request.user, **data)
        return Response(NearMissSerializer(near_miss).data, status=201)


class DataItemSerializer(RecordSerializer):
    class Meta:
        model = DataItem
        fields = ["name", "sensitive", "ordinance_sensitive", "property_risk", "my_number"]


class DataItemView(ApiView):
    """GET /api/v1/incidents/data-items: the personal-data catalogue with its legal marks."""


    @extend_schema(summary="個人情報の項目（カタログ）", responses={200: DataItemSerializer(many=True)})
    def get(self, request):
        actor = api_actor(request)
        items = restrict(DataItem.objects.filter(active=True), actor, VIEW)
        return Response(DataItemSerializer(items, many=True).data)

