"""/api/v1/training/courses …: the contract other systems use (issue 14 §4), scoped like the pages.

- ``POST /api/v1/training/courses`` ``{"title", "fiscal_year", "kind", "audience": {"roles": [...]}, "due"}`` → 201
  ``{"id": …}`` (the office);
- ``POST /api/v1/training/courses/{id}/attendances`` ``{"username" | "person", "attended_on"}`` → 201 (the office,
  a section head for their staff); the same person twice → 400 with a Japanese message;
- ``GET /api/v1/training/courses/{id}/outstanding`` → ``{"count", "results": [{"person", "username", "name",
  "unit"}]}`` (the actor's units; everyone for the body-wide roles).
"""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from hogokan.core.permissions import VIEW, restrict
from hogokan.core.rest import (
    DateField,
    FiscalYearField,
    InputSerializer,
    RecordSerializer,
    ScopedPrimaryKeyRelatedField,
    ScopedViewSet,
    call_service,
)
from hogokan.org.models import OrgUnit, Person, Role
from hogokan.training import services
from hogokan.training.models import AUDIENCE_ROLES, Attendance, Course, Session
from hogokan.training.scoping import may_manage, may_record


class AudienceSerializer(serializers.Serializer):
    roles = serializers.ListField(child=serializers.CharField(), source="audience_roles",
                                  help_text="対象の役割（空: 受託者を除くすべての役割）")
    units = serializers.ListField(child=serializers.IntegerField(), source="audience_unit_ids", read_only=True,
                                  help_text="対象の組織の ID（配下を含む。空: 全庁）")
    assigned_since = DateField(allow_null=True, help_text="この日以降に配属・就任した人")


class CourseSerializer(RecordSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    audience = AudienceSerializer(source="*", read_only=True)

    class Meta:
        model = Course
        fields = ["id", "title", "fiscal_year", "kind", "kind_label", "description", "audience", "due"]
        read_only_fields = fields


class AudienceInputSerializer(InputSerializer):
    roles = serializers.ListField(
        child=serializers.ChoiceField(choices=AUDIENCE_ROLES, error_messages={
            "invalid_choice": "roles の要素は " + "、".join(value for value, _label in AUDIENCE_ROLES)
                              + " のいずれかで指定してください。"}),
        required=False, default=list, max_length=len(AUDIENCE_ROLES),
        help_text="対象の役割（空または省略: 受託者を除くすべての役割）")
    units = ScopedPrimaryKeyRelatedField(queryset=OrgUnit.objects.all(), many=True, required=False,
                                         help_text="対象の組織の ID（配下を含む）")
    assigned_since = DateField.for_column(Course._meta.get_field("assigned_since"), required=False,
                                          allow_null=True)


class CourseInputSerializer(InputSerializer):
    title = serializers.CharField(max_length=200, error_messages={
        "required": "title（研修名）は必須です。", "blank": "title（研修名）を入力してください。"})
    fiscal_year = FiscalYearField(error_messages={"required": "fiscal_year（年度）は必須です。"})
    kind = serializers.ChoiceField(choices=Course.Kind.choices, error_messages={
        "required": "kind（研修の種類）は必須です。",
        "invalid_choice": "kind は " + "、".join(Course.Kind.values) + " のいずれかで指定してください。"})
    description = serializers.CharField(required=False, allow_blank=True, default="")
    audience = AudienceInputSerializer(required=False, help_text="対象者の条件")
    due = DateField.for_column(Course._meta.get_field("due"), help_text="受講期限（年度内の日付）",
                               error_messages={"required": "due（受講期限）は必須です。"})


class AttendanceInputSerializer(InputSerializer):
    username = serializers.CharField(required=False, max_length=150, help_text="ログインID（username か person のどちらか）")
    person = serializers.IntegerField(required=False, min_value=1, help_text="職員等の ID（ログインのない職員）")
    attended_on = DateField.for_column(Attendance._meta.get_field("attended_on"), help_text="受講日",
                                       error_messages={"required": "attended_on（受講日）は必須です。"})
    completed = serializers.BooleanField(required=False, default=True, help_text="修了（省略: true）")
    session = serializers.IntegerField(required=False, min_value=1, help_text="受講した回の ID")


class AttendanceSerializer(RecordSerializer):
    username = serializers.CharField(source="person.user.username", read_only=True, allow_null=True, default=None)
    name = serializers.CharField(source="person.name", read_only=True)
    unit = serializers.CharField(source="unit.name", read_only=True, allow_null=True, default=None)
    source_label = serializers.CharField(source="get_source_display", read_only=True)

    class Meta:
        model = Attendance
        fields = ["id", "course", "person", "username", "name", "unit", "session", "attended_on", "completed",
                  "source", "source_label"]
        read_only_fields = fields


class OutstandingPersonSerializer(serializers.Serializer):
    person = serializers.IntegerField()
    username = serializers.CharField(allow_null=True)
    name = serializers.CharField()
    unit = serializers.CharField()


class OutstandingSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    results = OutstandingPersonSerializer(many=True)


class CourseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    queryset = Course.objects.prefetch_related("audience_units").order_by("-fiscal_year", "due", "pk")
    serializer_class = CourseSerializer
    write_roles = (Role.CHIEF, Role.OFFICER)

    @extend_schema(summary="研修の登録", request=CourseInputSerializer, responses={201: CourseSerializer},
                   description="事務局（総括保護管理者）が登録します。受講期限は年度内の日付です。")
    def create(self, request):
        if not may_manage(self.actor):
            raise exceptions.PermissionDenied("研修の登録は事務局（総括保護管理者）が行います。")
        data = dict(self.validated_input(CourseInputSerializer))
        audience = dict(data.pop("audience", None) or {})
        course = call_service(services.course_save, actor=request.user, audience_units=audience.get("units", []),
                              audience_roles=list(audience.get("roles", [])),
                              assigned_since=audience.get("assigned_since"), reason="API による登録", **data,
                              field_map={"audience_roles": "audience", "assigned_since": "audience"})
        return Response(CourseSerializer(course).data, status=201)

    @extend_schema(summary="受講の記録", request=AttendanceInputSerializer, responses={201: AttendanceSerializer},
                   description="事務局は誰の受講でも、課の保護責任者は所属の職員の受講を記録します。"
                               "同じ人を二度記録すると 400 です。")
    @action(detail=True, methods=["post"])
    def attendances(self, request, pk=None):
        actor = self.actor
        if not may_record(actor):
            raise exceptions.PermissionDenied("受講の記録は事務局又は所属の保護責任者が行います。")
        course = self.get_object()
        data = self.validated_input(AttendanceInputSerializer)
        if ("username" in data) == ("person" in data):
            raise exceptions.ValidationError({"username": ["username（ログインID）か person（職員等の ID）の"
                                                           "どちらか一方を指定してください。"]})
        people = restrict(Person.objects.select_related("user"), actor, VIEW)
        if "username" in data:
            person = people.filter(user__username=data["username"]).first()
            if person is None:
                raise exceptions.ValidationError({"username": [f"ログインID「{data['username']}」の職員は"
                                                               "見つからないか、記録できません。"]})
        else:
            person = people.filter(pk=data["person"]).first()
            if person is None:
                raise exceptions.ValidationError({"person": [f"ID {data['person']} の職員は見つからないか、"
                                                             "記録できません。"]})
        if not actor.is_office and not services.works_in(person, actor.unit_ids):
            raise exceptions.ValidationError({"person": ["所属の職員の受講だけを記録できます。"]})
        session = None
        if "session" in data:
            session = Session.objects.filter(course=course, pk=data["session"]).first()
            if session is None:
                raise exceptions.ValidationError({"session": ["この研修の回の ID を指定してください。"]})
        source = Attendance.Source.OFFICE if actor.is_office else Attendance.Source.SECTION_HEAD
        attendance = call_service(services.attendance_record, actor=request.user, course=course, person=person,
                                  attended_on=data["attended_on"], completed=data["completed"], session=session,
                                  source=source, reason="API による受講の記録",
                                  field_map={"person": "username" if "username" in data else "person"})
        return Response(AttendanceSerializer(attendance).data, status=201)

    @extend_schema(summary="未受講者の一覧", responses={200: OutstandingSerializer},
                   description="対象者（受講期限の日、それより前なら今日に対象の役割にある人）のうち修了していない人。"
                               "所属の範囲で見られる人だけを返します。")
    @action(detail=True, methods=["get"], pagination_class=None)
    def outstanding(self, request, pk=None):
        course = self.get_object()
        rows = services.outstanding(course, timezone.localdate(), unit_ids=self.actor.unit_ids)
        return Response({"count": len(rows), "results": [row.as_api() for row in rows]})
