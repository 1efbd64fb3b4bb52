"""/api/v1/mynumber/… (issue 22 §1, exact; used by checks outside the code base):

- ``POST /api/v1/mynumber/designations`` ``{"person": id, "unit": id, "start": "YYYY-MM-DD", "file": id|null}``
  → 201 ``{"id", …}`` (the office, or the unit's 保護責任者);
- ``GET /api/v1/mynumber/designations?unit=&as_of=`` → the designations in office on ``as_of`` (today);
- ``POST /api/v1/mynumber/designations/{id}/end`` ``{"end": "YYYY-MM-DD"}``;
- ``GET /api/v1/mynumber/gaps?as_of=YYYY-MM-DD`` → ``[{"unit", "unit_name", "files": [ids], "reason"}]``
  with reason ``no_designee`` or ``designee_left`` (a plain list);
- ``GET /api/v1/mynumber/ledger?file=&unit=&month=YYYY-MM&kind=`` and ``POST /api/v1/mynumber/ledger``: the
  特定個人情報の取扱状況記録簿 (append-only; 提供 needs ``purpose`` and ``recipient``).
"""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from hogokan.core.rest import (
    ApiView,
    DateField,
    InputSerializer,
    RecordSerializer,
    ScopedPrimaryKeyRelatedField,
    ScopedViewSet,
    call_service,
    form_parameters,
)
from hogokan.mynumber import rules, selectors, services
from hogokan.mynumber.forms import DesignationFilterForm, GapFilterForm, LedgerFilterForm
from hogokan.mynumber.models import EARLIEST_MY_NUMBER_DATE, Designation, LedgerEntry
from hogokan.mynumber.scoping import gap_units, may_designate
from hogokan.org.models import OrgUnit, Person, Role
from hogokan.registers.api import PersonalInfoFile


class DesignationSerializer(RecordSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    end_reason_label = serializers.CharField(source="get_end_reason_display", read_only=True)

    class Meta:
        model = Designation
        fields = ["id", "person", "person_name", "unit", "unit_name", "file", "affair", "start", "end",
                  "end_reason", "end_reason_label"]
        read_only_fields = fields


class DesignationInputSerializer(InputSerializer):
    person = ScopedPrimaryKeyRelatedField(queryset=Person.objects.all(), help_text="職員等の ID",
                                          error_messages={"required": "person（職員等の ID）は必須です。",
                                                          "null": "person（職員等の ID）は必須です。"})
    unit = ScopedPrimaryKeyRelatedField(queryset=OrgUnit.objects.all(), help_text="所属（組織）の ID",
                                        error_messages={"required": "unit（所属の ID）は必須です。",
                                                        "null": "unit（所属の ID）は必須です。"})
    start = DateField(earliest=EARLIEST_MY_NUMBER_DATE, help_text="指定日（YYYY-MM-DD）",
                      error_messages={"required": "start（指定日）は必須です。", "null": "start（指定日）は必須です。"})
    file = ScopedPrimaryKeyRelatedField(queryset=PersonalInfoFile.objects.all(), required=False, allow_null=True,
                                        default=None, help_text="特定個人情報ファイルの ID（null: 所属のすべて）")


class DesignationEndSerializer(InputSerializer):
    end = DateField(earliest=EARLIEST_MY_NUMBER_DATE, help_text="終了日（この日まで担当。YYYY-MM-DD）",
                    error_messages={"required": "end（終了日）は必須です。", "null": "end（終了日）は必須です。"})


class DesignationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    queryset = Designation.objects.select_related("person", "unit").order_by("unit__code", "start", "pk")
    serializer_class = DesignationSerializer
    write_roles = (Role.CHIEF, Role.OFFICER)
    filter_form = DesignationFilterForm

    @extend_schema(summary="事務取扱担当者の一覧（基準日に指定されている人）",
                   description="as_of（省略: 今日）に指定され、かつ所属に配属されている事務取扱担当者。")
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(summary="事務取扱担当者の指定", request=DesignationInputSerializer,
                   responses={201: DesignationSerializer},
                   description="事務局は全庁で、課の保護責任者は所属で指定します。指定日に所属に配属されていない"
                               "職員、同じ範囲での二重の指定は 400 です。")
    def create(self, request):
        actor = self.actor
        if not may_designate(actor):
            raise exceptions.PermissionDenied("事務取扱担当者の指定は事務局又は所属の保護責任者が行います。")
        data = self.validated_input(DesignationInputSerializer)
        if not actor.is_office and data["unit"].pk not in (actor.unit_ids or ()):
            raise exceptions.PermissionDenied("所属の事務取扱担当者だけを指定できます。")
        designation = call_service(services.designation_create, actor=request.user, person=data["person"],
                                   unit=data["unit"], start=data["start"], file=data["file"],
                                   reason="API による事務取扱担当者の指定")
        return Response(DesignationSerializer(designation).data, status=201)

    @extend_schema(summary="事務取扱担当者の指定の終了", request=DesignationEndSerializer,
                   responses={200: DesignationSerializer})
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        designation = self.get_changeable_object()
        data = self.validated_input(DesignationEndSerializer)
        designation = call_service(services.designation_end, actor=request.user, designation=designation,
                                   end=data["end"], reason="API による指定の終了")
        return Response(DesignationSerializer(designation).data)


class GapSerializer(serializers.Serializer):
    unit = serializers.IntegerField(help_text="所属の ID")
    unit_name = serializers.CharField()
    files = serializers.ListField(child=serializers.IntegerField(), help_text="担当者のいない特定個人情報ファイルの ID")
    reason = serializers.ChoiceField(choices=list(rules.GAP_REASONS.items()))


class GapView(ApiView):
    @extend_schema(summary="事務取扱担当者のいない所属", parameters=form_parameters(GapFilterForm),
                   responses={200: GapSerializer(many=True)},
                   description="基準日（省略: 今日）に現在の特定個人情報ファイルを保有し、事務取扱担当者がいない所属。"
                               "designee_left は最後の担当者が人事異動で所属を離れた場合。")
    def get(self, request):
        form = GapFilterForm(request.query_params, actor=self.actor, api=True)
        if not form.is_valid():
            raise exceptions.ValidationError({name: list(errors) for name, errors in form.errors.items()})
        if not self.actor.is_staff_member:
            return Response([])
        day = form.cleaned_data.get("as_of") or timezone.localdate()
        return Response([gap.as_api() for gap in selectors.gaps_on(day, unit_ids=gap_units(self.actor))])


# ---- 取扱状況記録簿 -----------------------------------------------------------------------------------

class LedgerEntrySerializer(RecordSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    file_name = serializers.CharField(source="file.name", read_only=True)
    handler_name = serializers.CharField(source="handler.name", read_only=True)
    checker_name = serializers.CharField(source="checker.name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = LedgerEntry
        fields = ["id", "file", "file_name", "unit", "handled_on", "kind", "kind_label", "count", "purpose",
                  "recipient", "handler", "handler_name", "checker", "checker_name", "note", "corrects",
                  "correction_reason", "recorded_at"]
        read_only_fields = fields


class LedgerEntryInputSerializer(InputSerializer):
    file = ScopedPrimaryKeyRelatedField(queryset=PersonalInfoFile.objects.filter(is_specific=True),
                                        help_text="特定個人情報ファイルの ID",
                                        error_messages={"required": "file（特定個人情報ファイルの ID）は必須です。"})
    handled_on = DateField.for_column(LedgerEntry._meta.get_field("handled_on"), help_text="日付（YYYY-MM-DD）",
                                      error_messages={"required": "handled_on（日付）は必須です。"})
    kind = serializers.ChoiceField(choices=LedgerEntry.Kind.choices, error_messages={
        "required": "kind（区分）は必須です。",
        "invalid_choice": "kind は " + "、".join(LedgerEntry.Kind.values) + " のいずれかで指定してください。"})
    count = serializers.IntegerField(min_value=1, max_value=rules.MAX_LEDGER_COUNT, error_messages={
        "required": "count（件数）は必須です。", "min_value": "count は1以上で指定してください。",
        "max_value": "count が大きすぎます。"})
    purpose = serializers.CharField(required=False, allow_blank=True, default="", max_length=300,
                                    help_text="提供目的（kind が provide のとき必須）")
    recipient = serializers.CharField(required=False, allow_blank=True, default="", max_length=200,
                                      help_text="提供先（kind が provide のとき必須）")
    handler = ScopedPrimaryKeyRelatedField(queryset=Person.objects.all(), help_text="取扱者（職員等の ID）",
                                           error_messages={"required": "handler（取扱者）は必須です。"})
    checker = ScopedPrimaryKeyRelatedField(queryset=Person.objects.all(), required=False, allow_null=True,
                                           default=None, help_text="確認者（職員等の ID）")
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class LedgerViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    queryset = LedgerEntry.objects.select_related("file", "handler", "checker").order_by("-handled_on", "-pk")
    serializer_class = LedgerEntrySerializer
    write_roles = (Role.CHIEF, Role.OFFICER, Role.STAFF)
    filter_form = LedgerFilterForm

    @extend_schema(summary="取扱状況記録簿への記録", request=LedgerEntryInputSerializer,
                   responses={201: LedgerEntrySerializer},
                   description="所属の職員（保護責任者・保護担当者）と事務局が記録します。提供（provide）には提供目的と"
                               "提供先が必須です。記録は変更・削除できません（誤りは画面から訂正の記録を追加します）。")
    def create(self, request):
        actor = self.actor
        data = self.validated_input(LedgerEntryInputSerializer)
        if not (actor.is_office or (actor.unit_ids is not None and data["file"].unit_id in actor.unit_ids)):
            raise exceptions.PermissionDenied("所属の特定個人情報ファイルの記録簿だけに記録できます。")
        entry = call_service(services.ledger_record, actor=request.user, reason="API による取扱状況の記録", **data)
        return Response(LedgerEntrySerializer(entry).data, status=201)
