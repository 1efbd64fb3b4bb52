"""/api/v1/assets/security-reviews: the security reviews of new and changed systems, scoped like the pages.

``GET`` lists (``?fiscal_year=&status=&body=``) and records; ``POST`` ``{"system", "matters", "fiscal_year",
"description", "requested_on"[, "body", "planned_on"]}`` is the 所管課's request (201). The reviewer's checklist and
the notice are done on the pages.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, serializers
from rest_framework.response import Response

from hogokan.assets import services_review as services
from hogokan.assets.forms_review import ReviewFilterForm
from hogokan.assets.models import InfoSystem
from hogokan.assets.models_review import Matter, ReviewBody, SystemReview
from hogokan.assets.scoping_review import may_request_review
from hogokan.core.permissions import CHANGE, restrict
from hogokan.core.rest import (
    DateField,
    FiscalYearField,
    InputSerializer,
    RecordSerializer,
    ScopedViewSet,
    call_service,
)
from hogokan.org.models import Role


class SystemReviewSerializer(RecordSerializer):
    matters = serializers.ListField(child=serializers.ChoiceField(choices=Matter.choices), read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    result_date = serializers.CharField(source="result_date_label", read_only=True,
                                        help_text="結果通知日（YYYY/M/D）又は「対応中」（名古屋市の表の列）")

    class Meta:
        model = SystemReview
        fields = ["id", "system", "matters", "body", "fiscal_year", "description", "planned_on", "requested_on",
                  "status", "status_label", "result", "result_note", "notified_on", "result_date"]
        read_only_fields = fields


class SystemReviewInputSerializer(InputSerializer):
    system = serializers.IntegerField(min_value=1, help_text="情報システムの ID（所管課のもの）")
    matters = serializers.ListField(
        child=serializers.ChoiceField(choices=Matter.choices, error_messages={
            "invalid_choice": "matters の要素は " + "、".join(Matter.values) + " のいずれかで指定してください。"}),
        min_length=1, max_length=len(Matter.values), help_text="該当事項（1つ以上）",
        error_messages={"min_length": "matters（該当事項）を1つ以上指定してください。"})
    body = serializers.ChoiceField(choices=ReviewBody.choices, required=False, default=ReviewBody.DEPUTY)
    fiscal_year = FiscalYearField()
    description = serializers.CharField(help_text="開発・変更の概要", error_messages={
        "blank": "description（開発・変更の概要）を入力してください。", "required": "description は必須です。"})
    planned_on = DateField.for_column(SystemReview._meta.get_field("planned_on"), required=False, allow_null=True)
    requested_on = DateField.for_column(SystemReview._meta.get_field("requested_on"), help_text="依頼日")


class SystemReviewViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    queryset = SystemReview.objects.order_by("-fiscal_year", "-requested_on", "-pk")
    serializer_class = SystemReviewSerializer
    write_roles = (Role.CHIEF, Role.OFFICER, Role.STAFF)
    filter_form = ReviewFilterForm

    @extend_schema(summary="情報セキュリティ対策の点検の依頼", request=SystemReviewInputSerializer,
                   responses={201: SystemReviewSerializer},
                   description="情報システムの所管課（保護責任者・保護担当者）又は事務局が依頼します。")
    def create(self, request):
        actor = self.actor
        if not may_request_review(actor):
            raise exceptions.PermissionDenied("点検の依頼は情報システムの所管課が行います。")
        data = dict(self.validated_input(SystemReviewInputSerializer))
        system = restrict(InfoSystem.objects.all(), actor, CHANGE).filter(pk=data.pop("system")).first()
        if system is None:
            raise exceptions.ValidationError({"system": ["指定した情報システムは存在しないか、依頼できません。"]})
        review = call_service(services.review_request, actor=request.user, system=system, reason="API による依頼",
                              **{**data, "matters": list(data["matters"])})
        return Response(SystemReviewSerializer(review).data, status=201)
