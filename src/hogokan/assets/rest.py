"""/api/v1/assets/…: the contract of issue 15 §3, scoped like the pages (the chief may do all of it).

- ``POST /api/v1/assets/systems`` ``{"name", "unit", "handles_personal_information"}`` → 201 ``{"id", …}``;
- ``POST /api/v1/assets/systems/{id}/accounts`` ``{"person", "account_id", "admin"}`` → 201 ``{"id", …}``;
  a person who does not exist → 400 with a Japanese message, nothing written;
- ``GET /api/v1/assets/access-reviews?status=open`` → ``{"count", "results": [{"id", "system", "account",
  "person", "reason", "event_date", "due", "status"}]}``;
- ``POST /api/v1/assets/access-reviews/{id}/resolve`` ``{"outcome": "disabled"|"kept", "reason"}`` → 200;
  "kept" without a reason → 400 「継続する理由を入力してください。」.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from hogokan.assets import reviews, services
from hogokan.assets.forms import AccessReviewFilterForm, SystemFilterForm
from hogokan.assets.models import AccessReview, InfoSystem, SystemAccount
from hogokan.core.permissions import restrict
from hogokan.core.rest import (
    DateField,
    InputSerializer,
    RecordSerializer,
    ScopedPrimaryKeyRelatedField,
    ScopedViewSet,
    call_service,
)
from hogokan.org.models import OrgUnit, Person, Role

WRITE_ROLES = (Role.CHIEF, Role.OFFICER, Role.STAFF)


class SystemSerializer(RecordSerializer):
    class Meta:
        model = InfoSystem
        fields = ["id", "name", "unit", "purpose", "handles_personal_information",
                  "handles_specific_personal_information", "location", "network", "contract", "vendor", "id_policy",
                  "admin_grantors", "log_collected", "log_retention", "log_analysis_frequency", "log_users_informed",
                  "patching_by", "stocktake_frequency", "in_use_since", "retired_on"]
        read_only_fields = fields


class SystemInputSerializer(InputSerializer):
    name = serializers.CharField(max_length=200, error_messages={
        "required": "name（システム名）は必須です。", "blank": "name（システム名）を入力してください。"})
    unit = ScopedPrimaryKeyRelatedField(queryset=OrgUnit.objects.all(), help_text="所管課の ID",
                                        error_messages={"required": "unit（所管課）は必須です。"})
    handles_personal_information = serializers.BooleanField(help_text="個人情報 あり/なし", error_messages={
        "required": "handles_personal_information（個人情報の有無）は必須です。"})
    handles_specific_personal_information = serializers.BooleanField(required=False, default=False,
                                                                     help_text="特定個人情報")
    purpose = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)


class AccountSerializer(RecordSerializer):
    class Meta:
        model = SystemAccount
        fields = ["id", "system", "person", "account_id", "admin", "shared", "granted_on", "disabled_on"]
        read_only_fields = fields


class AccountInputSerializer(InputSerializer):
    person = serializers.IntegerField(min_value=1, help_text="利用者（職員等）の ID",
                                      error_messages={"required": "person（利用者）は必須です。"})
    account_id = serializers.CharField(max_length=100, error_messages={
        "required": "account_id（アカウントID）は必須です。", "blank": "account_id（アカウントID）を入力してください。"})
    admin = serializers.BooleanField(required=False, default=False, help_text="管理者権限")
    shared = serializers.BooleanField(required=False, default=False, help_text="共用ID")
    granted_on = DateField.for_column(SystemAccount._meta.get_field("granted_on"), required=False, allow_null=True)


class AccessReviewSerializer(RecordSerializer):
    class Meta:
        model = AccessReview
        fields = ["id", "system", "account", "person", "reason", "event_date", "due", "status"]
        read_only_fields = fields


class ResolveInputSerializer(InputSerializer):
    outcome = serializers.ChoiceField(choices=AccessReview.Outcome.choices, error_messages={
        "required": "outcome（結果）は必須です。",
        "invalid_choice": "outcome は disabled（停止した）か kept（継続する）で指定してください。"})
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000,
                                   help_text="理由（kept のときは必須）")
    disabled_on = DateField.for_column(AccessReview._meta.get_field("disabled_on"), required=False,
                                       allow_null=True, help_text="停止日（省略: 今日）")


class SystemViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    queryset = InfoSystem.objects.order_by("unit__code", "name", "pk")
    serializer_class = SystemSerializer
    write_roles = WRITE_ROLES
    filter_form = SystemFilterForm

    @extend_schema(summary="情報システムの登録", request=SystemInputSerializer, responses={201: SystemSerializer},
                   description="事務局はどの所管課のシステムも、課の保護責任者・担当者は所属のシステムを登録します。")
    def create(self, request):
        data = dict(self.validated_input(SystemInputSerializer))
        actor = self.actor
        if not actor.is_office and (actor.unit_ids is None or data["unit"].pk not in actor.unit_ids):
            raise exceptions.ValidationError({"unit": ["所属する課のシステムだけを登録できます。"]})
        system = call_service(services.system_save, actor=request.user, reason="API による登録", **data)
        return Response(SystemSerializer(system).data, status=201)

    @extend_schema(summary="アカウントの登録", request=AccountInputSerializer, responses={201: AccountSerializer},
                   description="システムを変更できる人（所管課・事務局）が登録します。存在しない利用者は 400 です。")
    @action(detail=True, methods=["post"])
    def accounts(self, request, pk=None):
        system = self.get_changeable_object()
        data = dict(self.validated_input(AccountInputSerializer))
        # The holder may be anyone of the body (staff of any unit, a contractor's person): checked to exist.
        person = Person.objects.filter(pk=data.pop("person")).first()
        if person is None:
            raise exceptions.ValidationError({"person": ["指定した利用者（職員等）は存在しません。"]})
        account = call_service(services.account_add, actor=request.user, system=system, person=person, **data)
        return Response(AccountSerializer(account).data, status=201)


class AccessReviewViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    queryset = AccessReview.objects.order_by("due", "pk")
    serializer_class = AccessReviewSerializer
    write_roles = WRITE_ROLES
    filter_form = AccessReviewFilterForm

    @extend_schema(summary="アカウントの見直しの記録", request=ResolveInputSerializer,
                   responses={200: AccessReviewSerializer},
                   description="停止した（disabled）か継続する（kept、理由が必須）か。管理者権限を継続するときは"
                               "事務局の確認まで status は open のままです（事務局が記録すればその場で done）。")
    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        review = self.get_changeable_object()
        data = self.validated_input(ResolveInputSerializer)
        actor = self.actor
        by_office = restrict(AccessReview.objects.filter(pk=review.pk), actor, "confirm").exists()
        call_service(reviews.review_resolve, actor=request.user, review=review, outcome=data["outcome"],
                     reason=data["reason"], disabled_on=data.get("disabled_on"), by_office=by_office)
        return Response(AccessReviewSerializer(review).data)

