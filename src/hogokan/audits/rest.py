"""/api/v1/audits/findings: the findings the actor may see (scoped like the pages), registering one (the office,
the auditor) and recording progress (the office, the responsible section)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from hogokan.audits import services
from hogokan.audits.forms import FindingFilterForm
from hogokan.audits.models import Finding, FindingProgress, FindingSource
from hogokan.audits.scoping import AUDIT, may_audit
from hogokan.core.permissions import restrict
from hogokan.core.rest import (
    DateField,
    InputSerializer,
    RecordSerializer,
    ScopedPrimaryKeyRelatedField,
    ScopedViewSet,
    call_service,
)
from hogokan.org.models import OrgUnit, Role

MAX_NUMBER = 99_999


class FindingSerializer(RecordSerializer):
    source_title = serializers.CharField(source="source.title", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    units = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Finding
        fields = ["id", "source", "source_title", "number", "category", "text", "units", "response", "due_date",
                  "status", "status_label", "reported_on", "confirmed_on"]
        read_only_fields = fields


class FindingCreateSerializer(InputSerializer):
    source = ScopedPrimaryKeyRelatedField(queryset=FindingSource.objects.all(), help_text="出典の ID")
    number = serializers.IntegerField(min_value=1, max_value=MAX_NUMBER, required=False,
                                      help_text="項番（省略すると続きの番号）")
    category = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    text = serializers.CharField(help_text="指摘事項", error_messages={"blank": "指摘事項（text）を入力してください。",
                                                                   "required": "指摘事項（text）は必須です。"})
    units = ScopedPrimaryKeyRelatedField(queryset=OrgUnit.objects.all(), many=True, allow_empty=False,
                                         help_text="担当課の ID（1つ以上）",
                                         error_messages={"empty": "担当課（units）を1つ以上指定してください。"})
    response = serializers.CharField(required=False, allow_blank=True, default="")
    due_date = DateField.for_column(Finding._meta.get_field("due_date"), required=False, allow_null=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].error_messages["empty"] = "担当課（units）を1つ以上指定してください。"
        self.fields["units"].error_messages["required"] = "担当課（units）を1つ以上指定してください。"


class ProgressInputSerializer(InputSerializer):
    recorded_on = DateField.for_column(FindingProgress._meta.get_field("recorded_on"))
    text = serializers.CharField(error_messages={"blank": "対応の経過（text）を入力してください。"})
    response = serializers.CharField(required=False, allow_blank=True, help_text="対応内容（まとめ）を置き換えるとき")


class ProgressSerializer(RecordSerializer):
    class Meta:
        model = FindingProgress
        fields = ["id", "finding", "recorded_on", "text"]
        read_only_fields = fields


class FindingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    queryset = Finding.objects.select_related("source").prefetch_related("units").order_by("source_id", "number")
    serializer_class = FindingSerializer
    write_roles = (Role.CHIEF, Role.AUDITOR, Role.OFFICER, Role.STAFF)
    filter_form = FindingFilterForm

    @extend_schema(summary="指摘事項の登録（事務局・監査担当）", request=FindingCreateSerializer,
                   responses={201: FindingSerializer})
    def create(self, request):
        actor = self.actor
        if not may_audit(actor):
            raise exceptions.PermissionDenied("指摘事項の登録は事務局または監査担当が行います。")
        data = dict(self.validated_input(FindingCreateSerializer))
        source = data.pop("source")
        if not restrict(FindingSource.objects.filter(pk=source.pk), actor, AUDIT).exists():
            raise exceptions.PermissionDenied("この出典に指摘事項を登録する権限がありません。")
        units = data.pop("units")
        finding = call_service(services.finding_save, actor=request.user, source=source, units=units, **data)
        return Response(FindingSerializer(finding).data, status=201)

    @extend_schema(summary="対応の経過の記録（事務局・担当課）", request=ProgressInputSerializer,
                   responses={201: ProgressSerializer})
    @action(detail=True, methods=["post"])
    def progress(self, request, pk=None):
        finding = self.get_changeable_object()
        data = self.validated_input(ProgressInputSerializer)
        entry = call_service(services.progress_add, actor=request.user, finding=finding, **data)
        return Response(ProgressSerializer(entry).data, status=201)
