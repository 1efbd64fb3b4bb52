"""/api/v1/org/: organs, units, people and assignments as JSON.

Reads: every role, narrowed to the actor's scope (``restrict``); a record outside it answers 404.
Writes: the system administrator only, always through ``hogokan.org.services`` (validation and
history as in the screens). Nothing is ever deleted: DELETE answers 405.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from hogokan.core.rest import (
    DateField,
    InputSerializer,
    RecordSerializer,
    ScopedPrimaryKeyRelatedField,
    ScopedViewSet,
    call_service,
    set_actor_resolver,
)
from hogokan.org import services
from hogokan.org.access import actor_for
from hogokan.org.models import Assignment, Organ, OrgUnit, Person, Role, UnitKind

set_actor_resolver(actor_for)

WRITE_ROLES = (Role.ADMIN,)
_BOOLEAN_ERRORS = {"invalid": "true または false を指定してください。"}


# ---- read serializers ---------------------------------------------------------------------------

class OrganSerializer(RecordSerializer):
    class Meta:
        model = Organ
        fields = ["id", "code", "name", "display_order"]
        read_only_fields = fields


class UnitSerializer(RecordSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    current_successor = serializers.SerializerMethodField(help_text="改編をたどった現在の承継組織の ID")
    full_name = serializers.SerializerMethodField(help_text="上位組織から並べた名称（現在の上位組織をたどる）")

    class Meta:
        model = OrgUnit
        fields = ["id", "code", "name", "kind", "kind_label", "organ", "parent", "valid_from", "valid_to",
                  "successor", "current_successor", "full_name"]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_current_successor(self, unit: OrgUnit):
        successor = unit.current_successor()
        return successor.pk if successor else None

    def get_full_name(self, unit: OrgUnit) -> str:
        return unit.full_name()


class PersonSerializer(RecordSerializer):
    class Meta:
        model = Person
        fields = ["id", "employee_no", "name", "name_kana", "email", "kind", "company", "is_active"]
        read_only_fields = fields


class AssignmentSerializer(RecordSerializer):
    role_label = serializers.CharField(source="get_role_display", read_only=True)

    class Meta:
        model = Assignment
        fields = ["id", "person", "unit", "role", "role_label", "title", "start", "end"]
        read_only_fields = fields


# ---- query parameters -----------------------------------------------------------------------------

class UnitFilterSerializer(serializers.Serializer):
    organ = serializers.IntegerField(required=False, min_value=1, help_text="実施機関の ID")
    as_of = DateField(required=False, help_text="この日（YYYY-MM-DD）に有効な組織。省略時は今日")
    include_ended = serializers.BooleanField(required=False, default=False, error_messages=_BOOLEAN_ERRORS,
                                             help_text="true で基準日までに廃止・改編された組織も含める")
    q = serializers.CharField(required=False, allow_blank=True, max_length=100, help_text="名称・組織コードの一部")


class PersonFilterSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=100,
                              help_text="氏名・氏名（カナ）・職員番号の一部")
    unit = serializers.IntegerField(required=False, min_value=1, help_text="今日この組織に配属されている人")


class AssignmentFilterSerializer(serializers.Serializer):
    person = serializers.IntegerField(required=False, min_value=1, help_text="職員等の ID")
    unit = serializers.IntegerField(required=False, min_value=1, help_text="組織の ID")
    current = serializers.BooleanField(required=False, default=False, error_messages=_BOOLEAN_ERRORS,
                                       help_text="true で今日有効な配属だけ")


# ---- write serializers ----------------------------------------------------------------------------

class UnitCreateSerializer(InputSerializer):
    organ = ScopedPrimaryKeyRelatedField(queryset=Organ.objects.all(), help_text="実施機関の ID")
    code = serializers.CharField(max_length=30)
    name = serializers.CharField(max_length=100)
    kind = serializers.ChoiceField(choices=UnitKind.choices)
    valid_from = DateField(help_text="設置日")
    parent = ScopedPrimaryKeyRelatedField(queryset=OrgUnit.objects.all(), default=None, allow_null=True,
                                          help_text="上位組織の ID（最上位なら null）")


class UnitRenameSerializer(InputSerializer):
    new_name = serializers.CharField(max_length=100)
    effective = DateField(help_text="効力発生日（この日から新しい名称）")


class UnitMoveSerializer(InputSerializer):
    parent = ScopedPrimaryKeyRelatedField(queryset=OrgUnit.objects.all(), help_text="移動先の上位組織の ID")
    effective = DateField(help_text="効力発生日（この日から新しい所属）")


class PersonCreateSerializer(InputSerializer):
    employee_no = serializers.CharField(max_length=30)
    name = serializers.CharField(max_length=100)
    name_kana = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=Person.Kind.choices, required=False, default=Person.Kind.STAFF)
    company = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class PersonUpdateSerializer(InputSerializer):
    employee_no = serializers.CharField(max_length=30, required=False)
    name = serializers.CharField(max_length=100, required=False)
    name_kana = serializers.CharField(max_length=100, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    kind = serializers.ChoiceField(choices=Person.Kind.choices, required=False)
    company = serializers.CharField(max_length=200, required=False, allow_blank=True)
    is_active = serializers.BooleanField(required=False, error_messages=_BOOLEAN_ERRORS)

    def validate(self, attrs):
        if not attrs:
            raise serializers.ValidationError("変更する項目を指定してください。")
        return attrs


class AssignmentStartSerializer(InputSerializer):
    person = ScopedPrimaryKeyRelatedField(queryset=Person.objects.all(), help_text="職員等の ID")
    unit = ScopedPrimaryKeyRelatedField(queryset=OrgUnit.objects.all(), default=None, allow_null=True,
                                        help_text="組織の ID（全庁の役割なら null）")
    role = serializers.ChoiceField(choices=Role.choices)
    title = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    start = DateField(help_text="開始日")


class AssignmentEndSerializer(InputSerializer):
    end = DateField(help_text="終了日（この日まで有効）")


# ---- viewsets -------------------------------------------------------------------------------------

def _link_units(units) -> None:
    """Let ``full_name()`` and ``current_successor()`` walk the tree in memory instead of a query a step."""
    units = list(units)
    if not units:
        return
    known = {unit.pk: unit for unit in OrgUnit.objects.all()}
    parent_field, successor_field = OrgUnit._meta.get_field("parent"), OrgUnit._meta.get_field("successor")
    for unit in [*known.values(), *units]:
        parent_field.set_cached_value(unit, known.get(unit.parent_id))
        successor_field.set_cached_value(unit, known.get(unit.successor_id))


class _ReadViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    write_roles = WRITE_ROLES

    def _written(self, obj, code=status.HTTP_200_OK) -> Response:
        return Response(self.get_serializer(obj).data, status=code)


@extend_schema_view(
    list=extend_schema(summary="実施機関の一覧"),
    retrieve=extend_schema(summary="実施機関"),
)
class OrganViewSet(_ReadViewSet):
    queryset = Organ.objects.order_by("display_order", "code")
    serializer_class = OrganSerializer


@extend_schema_view(
    list=extend_schema(summary="組織の一覧", parameters=[UnitFilterSerializer],
                       description="既定では今日有効な組織。as_of で基準日を、include_ended で廃止・改編済みも。"),
    retrieve=extend_schema(summary="組織"),
)
class UnitViewSet(_ReadViewSet):
    queryset = OrgUnit.objects.select_related("organ").order_by(
        "organ__display_order", "organ__code", "code", "valid_from", "pk")
    serializer_class = UnitSerializer

    def filter_list(self, queryset):
        params = self.validated_params(UnitFilterSerializer)
        day = params.get("as_of") or timezone.localdate()
        if params["include_ended"]:
            queryset = queryset.filter(valid_from__lte=day)
        else:
            queryset = queryset.valid_on(day)
        if params.get("organ"):
            queryset = queryset.filter(organ_id=params["organ"])
        keyword = params.get("q", "").strip()
        if keyword:
            queryset = queryset.filter(Q(name__icontains=keyword) | Q(code__icontains=keyword))
        return queryset

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        _link_units(page or [])
        return page

    @extend_schema(summary="組織の新設", request=UnitCreateSerializer, responses={201: UnitSerializer})
    def create(self, request):
        data = self.validated_input(UnitCreateSerializer)
        unit = call_service(services.unit_create, actor=request.user, **data)
        return self._written(unit, status.HTTP_201_CREATED)

    @extend_schema(summary="組織の名称変更", request=UnitRenameSerializer, responses={201: UnitSerializer},
                   description="この組織を効力発生日の前日で終え、新しい名称の承継組織を作ります（応答は承継組織）。")
    @action(detail=True, methods=["post"])
    def rename(self, request, pk=None):
        unit = self.get_changeable_object()
        data = self.validated_input(UnitRenameSerializer)
        successor = call_service(services.unit_rename, actor=request.user, unit=unit, **data)
        return self._written(successor, status.HTTP_201_CREATED)

    @extend_schema(summary="組織の所属変更", request=UnitMoveSerializer, responses={201: UnitSerializer},
                   description="この組織を効力発生日の前日で終え、新しい上位組織の下に承継組織を作ります（応答は承継組織）。")
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        unit = self.get_changeable_object()
        data = self.validated_input(UnitMoveSerializer)
        successor = call_service(services.unit_move, field_map={"new_parent": "parent"}, actor=request.user,
                                 unit=unit, new_parent=data["parent"], effective=data["effective"])
        return self._written(successor, status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="職員等の一覧", parameters=[PersonFilterSerializer]),
    retrieve=extend_schema(summary="職員等"),
)
class PersonViewSet(_ReadViewSet):
    queryset = Person.objects.order_by("employee_no", "pk")
    serializer_class = PersonSerializer

    def filter_list(self, queryset):
        params = self.validated_params(PersonFilterSerializer)
        keyword = params.get("q", "").strip()
        if keyword:
            queryset = queryset.filter(Q(name__icontains=keyword) | Q(name_kana__icontains=keyword)
                                       | Q(employee_no__icontains=keyword))
        if params.get("unit"):
            held = Assignment.objects.current_on(timezone.localdate()).filter(unit_id=params["unit"])
            queryset = queryset.filter(pk__in=held.values("person_id"))
        return queryset

    @extend_schema(summary="職員等の登録", request=PersonCreateSerializer, responses={201: PersonSerializer})
    def create(self, request):
        data = self.validated_input(PersonCreateSerializer)
        person = call_service(services.person_create, actor=request.user, **data)
        return self._written(person, status.HTTP_201_CREATED)

    @extend_schema(summary="職員等の変更", request=PersonUpdateSerializer, responses={200: PersonSerializer})
    def partial_update(self, request, pk=None):
        person = self.get_changeable_object()
        data = self.validated_input(PersonUpdateSerializer)
        person = call_service(services.person_update, actor=request.user, person=person, **data)
        return self._written(person)


@extend_schema_view(
    list=extend_schema(summary="配属・役割の一覧", parameters=[AssignmentFilterSerializer]),
    retrieve=extend_schema(summary="配属・役割"),
)
class AssignmentViewSet(_ReadViewSet):
    queryset = Assignment.objects.order_by("person__employee_no", "-start", "pk")
    serializer_class = AssignmentSerializer

    def filter_list(self, queryset):
        params = self.validated_params(AssignmentFilterSerializer)
        if params.get("person"):
            queryset = queryset.filter(person_id=params["person"])
        if params.get("unit"):
            queryset = queryset.filter(unit_id=params["unit"])
        if params["current"]:
            queryset = queryset.current_on(timezone.localdate())
        return queryset

    @extend_schema(summary="配属の開始", request=AssignmentStartSerializer, responses={201: AssignmentSerializer})
    def create(self, request):
        data = self.validated_input(AssignmentStartSerializer)
        assignment = call_service(services.assignment_start, actor=request.user, **data)
        return self._written(assignment, status.HTTP_201_CREATED)

    @extend_schema(summary="配属の終了", request=AssignmentEndSerializer, responses={200: AssignmentSerializer})
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        assignment = self.get_changeable_object()
        data = self.validated_input(AssignmentEndSerializer)
        assignment = call_service(services.assignment_end, actor=request.user, assignment=assignment, **data)
        return self._written(assignment)
