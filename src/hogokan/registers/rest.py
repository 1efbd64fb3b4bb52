"""/api/v1/registers/…: files, handling affairs, PIAs, 評価書, evaluation rounds and the 審議会 (read, scoped), and
/api/v1/rules/pia-level.

Reads: every role but contractors, narrowed to the actor's units (``restrict``); a record outside
them answers 404. Writes stay on the screens (approval and publication are the chief's acts there).
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.response import Response

from hogokan.core.rest import EVERY_ROLE, ApiView, InputSerializer, RecordSerializer, ScopedViewSet
from hogokan.registers import items, rules
from hogokan.registers.forms import FileFilterForm
from hogokan.registers.models import (
    PIA,
    CouncilMeeting,
    EvaluationDocument,
    EvaluationRound,
    HandlingAffair,
    PersonalInfoFile,
)


class RegisterFileSerializer(RecordSerializer):
    organ_name = serializers.CharField(source="organ.name", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    handling_affairs = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    versions = serializers.SerializerMethodField()

    class Meta:
        model = PersonalInfoFile
        fields = ["id", "name", "organ", "organ_name", "unit", "unit_name", *[
            item.field for item in items.ITEMS if item.field not in ("name", "organ", "unit")],
            "kind", "kind_label", "exemption", "exemption_note", "is_specific", "withheld", "handling_affairs",
            "status", "status_label", "registered_on", "published_on", "retired_on", "retire_reason", "versions"]
        read_only_fields = fields

    def get_versions(self, file) -> list[dict]:
        return [{"number": v.number, "approved_at": v.approved_at, "published_at": v.published_at, "public": v.public}
                for v in file.versions.all()]


class RegisterAffairSerializer(RecordSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    events = serializers.SerializerMethodField()

    class Meta:
        model = HandlingAffair
        fields = ["id", "organ", "unit", "unit_name", "name", "purpose", "record_items", "started_on", "ended_on",
                  "events"]
        read_only_fields = fields

    def get_events(self, affair) -> list[dict]:
        return [{"kind": e.kind, "kind_label": e.get_kind_display(), "effective_on": e.effective_on,
                 "filed_on": e.filed_on, "note": e.note} for e in affair.events.all()]


class RegisterPiaSerializer(RecordSerializer):
    file_name = serializers.CharField(source="file.name", read_only=True)
    level_label = serializers.CharField(read_only=True)
    computed_level = serializers.SerializerMethodField()

    class Meta:
        model = PIA
        fields = ["id", "file", "file_name", "persons", "handlers", "serious_accident", "level", "level_label",
                  "computed_level", "published_on", "last_reviewed_on", "review_due", "reevaluation_due"]
        read_only_fields = fields

    def get_computed_level(self, pia) -> str:
        return pia.computed.level


class _ReadOnly(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    pass


@extend_schema_view(list=extend_schema(summary="個人情報ファイル簿の一覧"),
                    retrieve=extend_schema(summary="個人情報ファイル簿"))
class FileViewSet(_ReadOnly):
    queryset = PersonalInfoFile.objects.select_related("organ", "unit").prefetch_related(
        "handling_affairs", "versions").order_by("organ__display_order", "unit__code", "name", "pk")
    serializer_class = RegisterFileSerializer

    filter_form = FileFilterForm


@extend_schema_view(list=extend_schema(summary="個人情報取扱事務の一覧"), retrieve=extend_schema(summary="個人情報取扱事務"))
class AffairViewSet(_ReadOnly):
    queryset = HandlingAffair.objects.select_related("unit").prefetch_related("events").order_by("unit__code", "name", "pk")
    serializer_class = RegisterAffairSerializer


@extend_schema_view(list=extend_schema(summary="特定個人情報保護評価の一覧"), retrieve=extend_schema(summary="特定個人情報保護評価"))
class PiaViewSet(_ReadOnly):
    queryset = PIA.objects.select_related("file").order_by("reevaluation_due", "pk")
    serializer_class = RegisterPiaSerializer


class EvaluationDocumentSerializer(RecordSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    file = serializers.IntegerField(source="pia.file_id", read_only=True)
    versions = serializers.SerializerMethodField()

    class Meta:
        model = EvaluationDocument
        fields = ["id", "pia", "file", "number", "name", "kind", "kind_label", "published_on", "versions"]
        read_only_fields = fields

    def get_versions(self, document) -> list[dict]:
        return [{"number": v.number, "published_on": v.published_on, "round": v.round_id, "note": v.note}
                for v in document.versions.all()]


class EvaluationRoundSerializer(RecordSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    stage = serializers.CharField(source="stage_label", read_only=True)
    documents = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    changes = serializers.SerializerMethodField()

    class Meta:
        model = EvaluationRound
        fields = ["id", "kind", "kind_label", "title", "unit", "unit_name", "reason", "planned_on", "documents",
                  "changes", "consulted_on", "answered_on", "opinion", "status", "stage", "published_on",
                  "early_publication_reason"]
        read_only_fields = fields

    def get_changes(self, round) -> list[dict]:
        return [{"position": c.position, "item": c.item, "before": c.before, "after": c.after}
                for c in round.changes.all()]


class CouncilMeetingSerializer(RecordSerializer):
    items = serializers.SerializerMethodField()

    class Meta:
        model = CouncilMeeting
        fields = ["id", "session", "held_on", "place", "note", "items"]
        read_only_fields = fields

    def get_items(self, meeting) -> list[dict]:
        return [{"number": i.number, "kind": i.kind, "kind_label": i.get_kind_display(), "title": i.title,
                 "unit": i.unit_id, "subject": i.subject, "evaluation": i.evaluation_id,
                 "related_type": f"{i.content_type.app_label}.{i.content_type.model}" if i.content_type_id else None,
                 "related_id": i.object_id, "fiscal_year": i.fiscal_year, "outcome": i.outcome}
                for i in meeting.items.all()]


@extend_schema_view(list=extend_schema(summary="評価書の一覧"), retrieve=extend_schema(summary="評価書（版を含む）"))
class EvaluationDocumentViewSet(_ReadOnly):
    queryset = EvaluationDocument.objects.select_related("pia").prefetch_related("versions").order_by("number", "pk")
    serializer_class = EvaluationDocumentSerializer


@extend_schema_view(list=extend_schema(summary="特定個人情報保護評価の実施（再実施）の一覧"),
                    retrieve=extend_schema(summary="評価の実施（再実施）と変更箇所"))
class EvaluationRoundViewSet(_ReadOnly):
    queryset = EvaluationRound.objects.select_related("unit").prefetch_related("documents", "changes").order_by(
        "-planned_on", "-pk")
    serializer_class = EvaluationRoundSerializer


@extend_schema_view(list=extend_schema(summary="審議会の一覧"), retrieve=extend_schema(summary="審議会と日程"))
class CouncilMeetingViewSet(_ReadOnly):
    queryset = CouncilMeeting.objects.prefetch_related("items__content_type").order_by("-held_on", "-pk")
    serializer_class = CouncilMeetingSerializer


# ---- rules/pia-level ------------------------------------------------------------------------------

def _count(label: str) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=0, max_value=1_000_000_000, error_messages={
        "required": f"{label}を指定してください。", "null": f"{label}を指定してください。",
        "invalid": f"{label}は0以上の整数で指定してください。", "min_value": f"{label}は0以上の整数で指定してください。",
        "max_value": f"{label}が大きすぎます。"})


class PiaLevelInputSerializer(InputSerializer):  # JSON integers and booleans only, as every body
    persons = _count("persons（対象人数）")
    handlers = _count("handlers（取扱者数）")
    serious_accident_last_year = serializers.BooleanField(error_messages={
        "required": "serious_accident_last_year（過去1年以内の重大事故）を指定してください。",
        "null": "serious_accident_last_year（過去1年以内の重大事故）を指定してください。",
        "invalid": "serious_accident_last_year は true か false で指定してください。"})


class PiaLevelOutputSerializer(serializers.Serializer):
    level = serializers.ChoiceField(choices=list(rules.LEVELS))
    explanation = serializers.ListField(child=serializers.CharField())


class PiaLevelView(ApiView):
    """POST /api/v1/rules/pia-level: the evaluation a 特定個人情報ファイル needs (RULES §6)."""

    write_roles = EVERY_ROLE  # a calculation, not a write

    @extend_schema(summary="特定個人情報保護評価のしきい値判断", request=PiaLevelInputSerializer,
                   responses={200: PiaLevelOutputSerializer},
                   description="対象人数・取扱者数・過去1年以内の重大事故から、必要な評価（none / basic / "
                               "basic+priority / basic+full）と判断の理由を返します。")
    def post(self, request):
        data = self.validated_input(PiaLevelInputSerializer)
        result = rules.pia_level(data["persons"], data["handlers"], data["serious_accident_last_year"])
        return Response({"level": result.level, "explanation": result.explanation})
