"""/api/v1/assets/media and /api/v1/assets/take-outs: removable media and take-outs, scoped like the pages.

- ``GET /api/v1/assets/media`` (the actor's units), ``POST`` a medium of the actor's unit (the section head, the office);
- ``GET /api/v1/assets/take-outs`` (``?status=overdue`` for those not back by the planned date), ``POST`` a request
  (anyone working in a section; a contractor names its ``contract``);
- ``POST /api/v1/assets/take-outs/{id}/decide`` ``{"decision": "approve"|"reject", "comment"}`` and
  ``POST /api/v1/assets/take-outs/{id}/return`` ``{"returned_on", "note"}`` (the section head or the manager above);
  a return before the take-out is a 400 with a Japanese message.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from hogokan.assets import services_media as services
from hogokan.assets.forms_media import MediumFilterForm, TakeOutFilterForm
from hogokan.assets.models_media import RemovableMedium, TakeOut
from hogokan.assets.scoping_media import DECIDE, may_register_media, may_request_takeout
from hogokan.core.permissions import get_for_actor
from hogokan.core.rest import (
    DateField,
    InputSerializer,
    RecordSerializer,
    ScopedPrimaryKeyRelatedField,
    ScopedViewSet,
    call_service,
)
from hogokan.org.models import Role
from hogokan.outsourcing.models import Contract


def _choice(name: str, label: str, choices) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=choices, help_text=label, error_messages={
        "required": f"{name}（{label}）は必須です。",
        "invalid_choice": f"{name} は " + "、".join(value for value, _label in choices) + " のいずれかで指定してください。"})


def _text(name: str, label: str, max_length: int | None = None, **kwargs) -> serializers.CharField:
    return serializers.CharField(max_length=max_length, help_text=label, error_messages={
        "required": f"{name}（{label}）は必須です。", "blank": f"{name}（{label}）を入力してください。"}, **kwargs)


class MediumSerializer(RecordSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    permitted_users = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = RemovableMedium
        fields = ["id", "unit", "number", "kind", "description", "encryption", "storage_place", "permitted_users",
                  "permitted_from", "permitted_to", "status", "status_label", "disposal", "disposed_on",
                  "erasure_method", "erased_by", "certificate"]
        read_only_fields = fields


class MediumInputSerializer(InputSerializer):
    number = _text("number", "管理番号", 50)
    kind = _choice("kind", "媒体の種類", RemovableMedium.Kind.choices)
    description = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    encryption = _choice("encryption", "暗号化", RemovableMedium.Encryption.choices)
    storage_place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    permitted_from = DateField.for_column(RemovableMedium._meta.get_field("permitted_from"), help_text="使用許可日")
    permitted_to = DateField.for_column(RemovableMedium._meta.get_field("permitted_to"), required=False,
                                        allow_null=True, help_text="使用許可の期限")


class MediumViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    queryset = RemovableMedium.objects.prefetch_related("permitted_users").order_by("unit_id", "number")
    serializer_class = MediumSerializer
    write_roles = (Role.CHIEF, Role.OFFICER)
    filter_form = MediumFilterForm

    @extend_schema(summary="外部記録媒体の登録", request=MediumInputSerializer, responses={201: MediumSerializer},
                   description="配属の所属の媒体として登録します（所属の保護責任者又は事務局）。管理番号は所属の中で一意です。")
    def create(self, request):
        actor = self.actor
        if not may_register_media(actor) or actor.assignment.unit_id is None:
            raise exceptions.PermissionDenied("外部記録媒体の登録は所属の保護責任者（課長等）が行います。")
        data = self.validated_input(MediumInputSerializer)
        medium = call_service(services.medium_save, actor=request.user, unit=actor.assignment.unit,
                              reason="API による登録", **data)
        return Response(MediumSerializer(medium).data, status=201)


class TakeOutSerializer(RecordSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    overdue = serializers.SerializerMethodField(help_text="返却予定日を過ぎて返却の確認がない")

    class Meta:
        model = TakeOut
        fields = ["id", "number", "unit", "contract", "carrier", "items", "personal_information", "medium_kind",
                  "medium", "protection", "destination", "purpose", "purpose_detail", "taken_out_on", "planned_return",
                  "status", "status_label", "overdue", "decided_on", "decision_comment", "returned_on", "return_note"]
        read_only_fields = fields

    def get_overdue(self, obj) -> bool:
        from django.utils import timezone

        return obj.is_overdue(timezone.localdate())


class TakeOutInputSerializer(InputSerializer):
    contract = ScopedPrimaryKeyRelatedField(queryset=Contract.objects.all(), required=False, allow_null=True,
                                            help_text="委託の ID（受託者の持出し。受託者は必須）")
    items = _text("items", "持ち出すもの")
    personal_information = _text("personal_information", "含まれる個人情報")
    medium_kind = _choice("medium_kind", "媒体", TakeOut.MediumKind.choices)
    medium = ScopedPrimaryKeyRelatedField(queryset=RemovableMedium.objects.all(), required=False, allow_null=True,
                                          help_text="使う外部記録媒体の ID（媒体が medium のとき）")
    protection = _choice("protection", "暗号化等", TakeOut.Protection.choices)
    destination = _text("destination", "持出し先", 200)
    purpose = _choice("purpose", "目的", TakeOut.Purpose.choices)
    purpose_detail = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    taken_out_on = DateField.for_column(TakeOut._meta.get_field("taken_out_on"), help_text="持出し日")
    planned_return = DateField.for_column(TakeOut._meta.get_field("planned_return"), help_text="返却予定日")


class TakeOutDecisionInputSerializer(InputSerializer):
    decision = _choice("decision", "判断", [("approve", "承認する"), ("reject", "承認しない")])
    comment = serializers.CharField(required=False, allow_blank=True, default="", help_text="意見（承認しないときは理由、必須）")


class TakeOutReturnInputSerializer(InputSerializer):
    returned_on = DateField.for_column(TakeOut._meta.get_field("returned_on"), help_text="返却日（持出し日以降）")
    note = serializers.CharField(required=False, allow_blank=True, default="", help_text="返却時の確認内容")


class TakeOutViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    queryset = TakeOut.objects.order_by("-taken_out_on", "-number")
    serializer_class = TakeOutSerializer
    write_roles = (Role.CHIEF, Role.MANAGER, Role.OFFICER, Role.STAFF, Role.CONTRACTOR)
    filter_form = TakeOutFilterForm

    @extend_schema(summary="持出しの申請", request=TakeOutInputSerializer, responses={201: TakeOutSerializer},
                   description="配属の所属の持出しとして申請します（受託者は contract を指定）。持ち出す人は申請者です。")
    def create(self, request):
        actor = self.actor
        if not may_request_takeout(actor):
            raise exceptions.PermissionDenied("持出しの申請は所属の職員（又は委託の受託者）が行います。")
        data = dict(self.validated_input(TakeOutInputSerializer))
        contract = data.pop("contract", None)
        if actor.is_contractor and contract is None:
            raise exceptions.ValidationError({"contract": ["受託者の持出しは委託（contract）を指定してください。"]})
        unit = contract.unit if contract is not None else actor.assignment.unit
        takeout = call_service(services.takeout_request, actor=request.user, unit=unit, carrier=actor.person,
                               contract=contract, reason="API による申請", **data)
        return Response(TakeOutSerializer(takeout).data, status=201)

    def _decidable(self) -> TakeOut:
        pk = str(self.kwargs.get("pk", ""))
        if not pk.isdigit():
            raise exceptions.NotFound()
        return get_for_actor(TakeOut.objects.all(), self.actor, action=DECIDE, pk=int(pk))

    @extend_schema(summary="持出しの承認・不承認", request=TakeOutDecisionInputSerializer, responses={200: TakeOutSerializer},
                   description="所属の保護責任者又は上位の保護管理者が行います（申請者本人は不可）。承認しないときは comment が必須。")
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        takeout = self._decidable()
        data = self.validated_input(TakeOutDecisionInputSerializer)
        service = services.takeout_approve if data["decision"] == "approve" else services.takeout_reject
        call_service(service, actor=request.user, takeout=takeout, comment=data["comment"])
        return Response(TakeOutSerializer(takeout).data)

    @extend_schema(summary="返却の確認", request=TakeOutReturnInputSerializer, responses={200: TakeOutSerializer},
                   description="承認済みの持出しの返却を確認します。持出し日より前の返却日は 400。")
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_check(self, request, pk=None):
        takeout = self._decidable()
        data = self.validated_input(TakeOutReturnInputSerializer)
        call_service(services.takeout_return, actor=request.user, takeout=takeout, **data)
        return Response(TakeOutSerializer(takeout).data)
