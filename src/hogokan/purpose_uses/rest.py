"""/api/v1/purpose-uses/…: uses and provisions (read, scoped to the actor's units)."""

from __future__ import annotations

from rest_framework import mixins, serializers

from hogokan.core.rest import RecordSerializer, ScopedViewSet
from hogokan.purpose_uses.forms import UseFilterForm
from hogokan.purpose_uses.models import OutOfPurposeUse


class OutOfPurposeUseSerializer(RecordSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    basis_label = serializers.CharField(source="get_basis_display", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    personal_info_file_id = serializers.IntegerField(read_only=True, allow_null=True,
                                                     help_text="個人情報ファイル簿の ID（登録されていなければ null）")

    class Meta:
        model = OutOfPurposeUse
        fields = ["id", "kind", "kind_label", "organ", "unit", "unit_name", "used_on", "file_or_affair_name",
                  "personal_info_file_id", "items", "persons_count", "recipient", "purpose", "basis", "basis_label",
                  "law_name", "specific_personal_info", "no_unfair_harm", "law70_requested", "law70_content",
                  "status", "submitted_on", "approved_on"]
        read_only_fields = fields


class UseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    queryset = OutOfPurposeUse.objects.select_related("unit").order_by("-used_on", "-pk")
    serializer_class = OutOfPurposeUseSerializer
    filter_form = UseFilterForm
