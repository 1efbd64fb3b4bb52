"""What every module's JSON API (/api/v1/) shares: the acting user, permissions, errors, paging, routes.

core sits below org, so it does not know how an actor is built: org registers the resolver
(``set_actor_resolver(hogokan.org.access.actor_for)``). Until one is registered every API call is
refused, so a missing registration fails closed.

The actor of an API request is built here and not by ``ActorMiddleware``: a token request only
gets its user from DRF, after the middleware has run. The client picks the assignment it acts as
with the header ``X-Hogokan-Assignment: <id>``; without it the user's first current assignment acts.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiResponse, PolymorphicProxySerializer, extend_schema_field
from rest_framework import exceptions, permissions, serializers, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.routers import SimpleRouter
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from hogokan.core.calendar import (
    FIRST_FISCAL_YEAR,
    LAST_FISCAL_YEAR,
    date_range_error,
    is_impossible_date,
)
from hogokan.core.permissions import CHANGE, VIEW, get_for_actor, restrict
from hogokan.core.validators import DateRange

ASSIGNMENT_HEADER = "X-Hogokan-Assignment"
NON_FIELD_ERRORS = "non_field_errors"

ActorResolver = Callable[[object, "int | None"], object]
_resolver: ActorResolver | None = None


def set_actor_resolver(resolver: ActorResolver) -> None:
    """``resolver(user, acting_assignment_id) -> actor`` (org registers ``actor_for``).

    The actor answers ``assignments``, ``role``, ``is_authenticated`` and ``needs_second_factor``.
    """
    global _resolver
    _resolver = resolver


# ---- the acting user ------------------------------------------------------------------------------

def _django_request(request):
    return getattr(request, "_request", request)


def api_actor(request):
    """The actor of this API request, built once from ``request.user`` (token or session).

    It also replaces ``request.actor`` (set by ActorMiddleware from the session only), so code
    further down sees the same actor. A header naming anything but one of the user's own current
    assignments is a client error (400).
    """
    django_request = _django_request(request)
    actor = getattr(django_request, "_hogokan_api_actor", None)
    if actor is not None:
        return actor
    if _resolver is None:
        raise exceptions.PermissionDenied("API の利用者を判定できません（設定の誤り）。")
    raw = (request.headers.get(ASSIGNMENT_HEADER) or "").strip()
    wanted = None
    if raw:
        try:
            wanted = int(raw)
        except ValueError:
            wanted = None
        if wanted is None or wanted <= 0:
            raise exceptions.ValidationError(
                {ASSIGNMENT_HEADER: [f"{ASSIGNMENT_HEADER} には配属の ID（整数）を指定してください。"]}
            )
    actor = _resolver(request.user, wanted)
    if wanted is not None and wanted not in {assignment.pk for assignment in actor.assignments}:
        raise exceptions.ValidationError(
            {ASSIGNMENT_HEADER: [f"配属 {wanted} はあなたの現在の配属ではありません。"]}
        )
    django_request._hogokan_api_actor = actor
    django_request.actor = actor
    return actor


def second_factor_missing(request, actor) -> bool:
    """A session (browser) call by a user who still owes the second factor (``actor.needs_second_factor``).

    Token calls do not need it: a token is issued only after the second factor, or by the operator.
    """
    if not isinstance(getattr(request, "successful_authenticator", None), SessionAuthentication):
        return False
    return actor.needs_second_factor


def _handles_method(view, request) -> bool:
    action_map = getattr(view, "action_map", None)
    if action_map is not None:
        return request.method.lower() in action_map
    return hasattr(view, request.method.lower())


class _EveryRole(tuple):
    """``write_roles = EVERY_ROLE``: a POST that writes nothing (a rule calculator) — every signed-in role may call it."""

    def __contains__(self, role) -> bool:
        return role is not None


EVERY_ROLE = _EveryRole()


class ActorPermission(permissions.BasePermission):
    """Signed in, past the second factor when the role needs it, acting as a current assignment.

    Reads are then allowed (what is shown is narrowed by ``restrict``); writes only for the roles
    in ``view.write_roles``. A method the view does not answer is left to it (405).
    """

    message = "この操作を行う権限がありません。"

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False  # DRF answers 401 (no credentials)
        actor = api_actor(request)
        if second_factor_missing(request, actor):
            raise exceptions.PermissionDenied(
                "この役割では二要素認証が必要です。ログインし直して確認コードを入力するか、API トークンを使ってください。"
            )
        if not actor.is_authenticated:
            raise exceptions.PermissionDenied("現在有効な配属がないため API を利用できません。")
        if request.method in permissions.SAFE_METHODS or not _handles_method(view, request):
            return True
        return actor.role in getattr(view, "write_roles", ())


# ---- errors -----------------------------------------------------------------------------------------

def django_errors(exc: DjangoValidationError, field_map: dict[str, str] | None = None) -> dict[str, list[str]]:
    """A Django ValidationError as ``{field: [messages]}``; model-wide errors under ``non_field_errors``."""
    field_map = field_map or {}
    if hasattr(exc, "error_dict"):
        errors: dict[str, list[str]] = {}
        for field, messages in exc.message_dict.items():
            key = NON_FIELD_ERRORS if field == "__all__" else field_map.get(field, field)
            errors.setdefault(key, []).extend(messages)
        return errors
    return {NON_FIELD_ERRORS: list(exc.messages)}


def call_service(service, /, *, field_map: dict[str, str] | None = None, **kwargs):
    """Run a service function; its ValidationError becomes a 400 naming the API's own field names."""
    try:
        return service(**kwargs)
    except DjangoValidationError as exc:
        raise exceptions.ValidationError(django_errors(exc, field_map)) from exc


def api_exception_handler(exc, context):
    """The API's one error handler (REST_FRAMEWORK["EXCEPTION_HANDLER"]): DRF's, with every validation
    error (DRF's or Django's) as ``{"errors": {...}}``; other errors keep DRF's ``{"detail": ...}``."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(django_errors(exc))
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.ValidationError):
        data = response.data
        if not isinstance(data, dict):
            data = {NON_FIELD_ERRORS: data if isinstance(data, list) else [data]}
        response.data = {"errors": data}
    return response


# ---- the errors in the schema -------------------------------------------------------------------------

@extend_schema_field({
    "type": "object",
    "description": "項目名 → 理由の一覧。入れ子の入力（answers の各項目、corrections の各要素など）は同じ形で入れ子。",
    "additionalProperties": {"anyOf": [
        {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "object"}]}},
        {"type": "object"},
    ]},
})
class _FieldErrorsField(serializers.DictField):
    pass


class ApiErrorsSerializer(serializers.Serializer):
    """入力の誤り: 項目ごとの理由（記録全体に関わる誤りは non_field_errors）。"""

    errors = _FieldErrorsField()


class ApiDetailSerializer(serializers.Serializer):
    """誤りの説明（日本語）。"""

    detail = serializers.CharField()


# The errors every operation may answer, in the handler's shapes; core.openapi.ApiSchema adds them to each
# operation, and a view that answers 404 without a path parameter names ERROR_RESPONSES[404] itself.
ERROR_RESPONSES = {
    400: OpenApiResponse(
        PolymorphicProxySerializer(component_name="ApiBadRequest", resource_type_field_name=None,
                                   serializers=[ApiErrorsSerializer, ApiDetailSerializer]),
        description="入力の誤り: {\"errors\": {項目: [理由, …]}}。読めない JSON、扱えない大きさの数値、"
                    "誤った X-Hogokan-Assignment なども 400（{\"detail\": \"…\"} のこともある）。"
                    "文字列に NUL 文字（U+0000）は使えません。"),
    401: OpenApiResponse(ApiDetailSerializer, description="認証されていない（トークンがない、無効、失効）。"),
    403: OpenApiResponse(ApiDetailSerializer,
                         description="この操作の権限がない（役割、現在有効な配属がない、二要素認証が必要）。"),
    404: OpenApiResponse(ApiDetailSerializer,
                         description="存在しない記録、または自分の範囲外の記録（範囲外も「存在しない」と答えます）。"),
    415: OpenApiResponse(ApiDetailSerializer, description="本文が JSON（Content-Type: application/json）でない。"),
}


# ---- fields --------------------------------------------------------------------------------------

class DateField(serializers.DateField):
    """Every date the API takes: YYYY-MM-DD within the plausible range (明治 … 2099, see core.calendar).

    ``earliest`` narrows the range, ``not_future`` refuses dates after today; a year such as 0445 is a
    400 with a Japanese message, never a 500 further down (和暦, deadlines). The schema gives the range as
    the value's pattern (core.openapi); ``for_column`` takes it from a model column's DateRange.
    """

    default_error_messages = {
        "invalid": "YYYY-MM-DD 形式の日付で指定してください。",
        "required": "この項目は必須です。",
        "null": "この項目は必須です。",
    }

    def __init__(self, *, earliest=None, not_future: bool = False, **kwargs):
        self.earliest, self.not_future = earliest, not_future
        if not_future:
            help_text = kwargs.get("help_text")
            kwargs["help_text"] = f"{help_text}（未来の日付は不可）" if help_text else "未来の日付は不可"
        super().__init__(**kwargs)

    @classmethod
    def for_column(cls, model_field, **kwargs) -> DateField:
        """The field for a model's date column, with the column's DateRange (as core.forms.model_formfield)."""
        for validator in model_field.validators:
            if isinstance(validator, DateRange):
                kwargs.setdefault("earliest", validator.earliest)
                kwargs.setdefault("not_future", validator.not_future)
        return cls(**kwargs)

    def to_internal_value(self, value):
        if isinstance(value, str) and is_impossible_date(value):
            raise serializers.ValidationError(f"「{value}」は存在しない日付です。", code="impossible")
        day = super().to_internal_value(value)
        from django.utils import timezone

        message = date_range_error(day, earliest=self.earliest,
                                   today=timezone.localdate() if self.not_future else None)
        if message:
            raise serializers.ValidationError(message, code="date_range")
        return day


class JsonTypes:
    """A request body's values must have the JSON type the schema gives: DRF alone would read "12" as 12,
    0 as false and 12 as "12". A wrong type is a 400 naming the field; values are then DRF's to check."""

    TYPES = (  # (field class, JSON types, the message); subclasses before their bases
        (serializers.BooleanField, (bool,), "true または false で指定してください。"),
        (serializers.IntegerField, (int,), "整数で指定してください。"),
        (serializers.FloatField, (int, float), "数値で指定してください。"),
        (serializers.DateField, (str,), "日付（\"YYYY-MM-DD\" の文字列）で指定してください。"),
        (serializers.ChoiceField, (str,), "文字列で指定してください。"),
        (serializers.CharField, (str,), "文字列で指定してください。"),
        (serializers.PrimaryKeyRelatedField, (int,), "ID（整数）で指定してください。"),
        (serializers.SlugRelatedField, (str,), "文字列で指定してください。"),
        (serializers.ListField, (list,), "配列（[ … ]）で指定してください。"),
        (serializers.ManyRelatedField, (list,), "配列（[ … ]）で指定してください。"),
        (serializers.DictField, (dict,), "オブジェクト（{ … }）で指定してください。"),
    )

    @classmethod
    def type_error(cls, field, value, subject: str = "") -> str | None:
        """The message when ``value`` is not of the JSON type ``field`` takes (its elements' too), else None."""
        if value is None:
            return None  # DRF answers for null (allow_null)
        for field_class, types, message in cls.TYPES:
            if not isinstance(field, field_class):
                continue
            if isinstance(field, serializers.ChoiceField) and not all(isinstance(key, str) for key in field.choices):
                return None
            if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
                return cls._own_message(field) or f"{subject}{message}"
            child = getattr(field, "child", None) or getattr(field, "child_relation", None)
            if child is not None and not isinstance(child, serializers.BaseSerializer):  # a nested body checks itself
                for item in value.values() if isinstance(value, dict) else value:
                    if element_message := cls.type_error(child, item, "要素は"):
                        return element_message
            return None
        return None

    @staticmethod
    def _own_message(field) -> str | None:
        """The "invalid" message the serializer gave the field (it names the field), if it gave one."""
        message = field.error_messages.get("invalid")
        default = next((klass.default_error_messages["invalid"] for klass in type(field).__mro__
                        if "invalid" in getattr(klass, "default_error_messages", {})), None)
        return str(message) if message and str(message) != str(default) and "{" not in str(message) else None

    def to_internal_value(self, data):
        errors = {}
        if isinstance(data, dict):
            for field in self._writable_fields:
                if field.field_name in data and (message := self.type_error(field, data[field.field_name])):
                    errors[field.field_name] = [message]
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            if not errors or not isinstance(exc.detail, dict):
                raise
            raise serializers.ValidationError({**exc.detail, **errors}) from exc
        if errors:
            raise serializers.ValidationError(errors)
        return value


class InputSerializer(JsonTypes, serializers.Serializer):
    """A request body (or a part of one) the API takes: JSON types as the schema gives them."""


class RecordSerializer(JsonTypes, serializers.ModelSerializer):
    """A record as the API shows (and, for a few, takes) it.

    - Date columns are core.rest.DateField with the column's DateRange (in the schema too).
    - A read-only text column that may be blank keeps ``allow_blank``: DRF drops it from read-only
      fields, and the schema would then refuse the "" such a record answers (a choice, an e-mail address).
    - Fields it takes have the JSON types of the schema (``JsonTypes``).
    """

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if field_class is serializers.DateField:
            field_class = DateField
            for validator in model_field.validators:
                if isinstance(validator, DateRange):  # DateField checks the range itself, with its message
                    kwargs.setdefault("earliest", validator.earliest)
                    kwargs.setdefault("not_future", validator.not_future)
            kwargs["validators"] = [v for v in kwargs.get("validators", []) if not isinstance(v, DateRange)]
        return field_class, kwargs

    def include_extra_kwargs(self, kwargs, extra_kwargs):
        may_be_blank = kwargs.get("allow_blank", False)
        kwargs = super().include_extra_kwargs(kwargs, extra_kwargs)
        if may_be_blank:
            kwargs["allow_blank"] = True
        return kwargs


class FiscalYearField(serializers.IntegerField):
    """A 年度 named by its first calendar year (2026 = 令和8年度), in the range every page accepts."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", FIRST_FISCAL_YEAR)
        kwargs.setdefault("max_value", LAST_FISCAL_YEAR)
        kwargs.setdefault("help_text", "年度（西暦）")
        super().__init__(**kwargs)


def form_parameters(form_class) -> list:
    """The query parameters of a FilterForm for the OpenAPI schema (as drf-spectacular documents a serializer)."""
    from django import forms
    from drf_spectacular.utils import OpenApiParameter

    parameters = []
    for name, field in form_class.base_fields.items():
        description = str(field.help_text or field.label or "")
        if isinstance(field, forms.ModelChoiceField):
            schema = {"type": "integer"}
        elif isinstance(field, forms.TypedChoiceField) and field.coerce is int:
            schema = {"type": "integer"}
        elif isinstance(field, forms.ChoiceField):
            # An empty value is "no filter" (the page's すべて), so it is one of the values.
            choices = [*([("", "指定なし")] if not field.required else []),
                       *((value, label) for value, label in field.choices if value != "")]
            schema = {"type": "string", "enum": [value for value, _label in choices]}
            description = "\n".join(f"* `{value}` - {label}" for value, label in choices)
        elif isinstance(field, forms.IntegerField):
            schema = {"type": "integer"}
            schema.update({key: value for key, value in (("minimum", field.min_value), ("maximum", field.max_value))
                           if value is not None})
        elif isinstance(field, forms.BooleanField):
            schema = {"type": "boolean"}
        elif isinstance(field, forms.DateField):
            schema = {"type": "string", "format": "date"}
        else:
            schema = {"type": "string"}
        parameters.append(OpenApiParameter(name, type=schema, location=OpenApiParameter.QUERY, required=False,
                                           description=description))
    return parameters


# ---- paging, references, routes ---------------------------------------------------------------------

class ApiPagination(LimitOffsetPagination):
    """``?limit=&offset=``; the page size is REST_FRAMEWORK["PAGE_SIZE"], at most ``max_limit``.

    A limit or offset that is not a whole number in range is a 400 naming it (DRF would quietly use the
    default); a limit above ``max_limit`` is ``max_limit``, as DRF does and the schema says.
    """

    max_limit = 1000
    limit_query_description = f"1回に返す件数（1以上。{max_limit}を超える値は{max_limit}件）"
    offset_query_description = "何件目から返すか（0から数える）"

    def get_limit(self, request):
        if self.limit_query_param not in request.query_params:
            return self.default_limit
        return min(self._whole_number(request, self.limit_query_param, minimum=1), self.max_limit)

    def get_offset(self, request):
        if self.offset_query_param not in request.query_params:
            return 0
        return self._whole_number(request, self.offset_query_param, minimum=0)

    @staticmethod
    def _whole_number(request, name: str, *, minimum: int) -> int:
        raw = request.query_params[name].strip()
        if not (raw.isascii() and raw.isdigit()) or int(raw) < minimum:
            raise exceptions.ValidationError({name: [f"{name} は{minimum}以上の整数で指定してください。"]})
        return int(raw)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        minimum = {self.limit_query_param: 1, self.offset_query_param: 0}
        for parameter in parameters:
            parameter["schema"]["minimum"] = minimum[parameter["name"]]
        return parameters


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A reference by ID to a record the actor may see; anything else reads as not existing."""

    default_error_messages = {
        "required": "この項目は必須です。",
        "does_not_exist": "ID {pk_value} の記録は存在しないか、参照できません。",
        "incorrect_type": "ID（整数）で指定してください。",
    }

    def get_queryset(self):
        queryset = super().get_queryset()
        request = self.context.get("request")
        if request is None:
            return queryset.none()
        return restrict(queryset, api_actor(request), VIEW)


class ApiRouter(SimpleRouter):
    """Routes that answer with and without the trailing slash (``…/units`` and ``…/units/``)."""

    def __init__(self):
        super().__init__(trailing_slash=False)
        # A non-capturing group, so that the schema shows the paths without the slash.
        self.trailing_slash = "(?:/)?"


class ApiInput:
    """Reading a request's body and query parameters through a serializer (400 with Japanese errors)."""

    NOT_AN_OBJECT = "入力は JSON のオブジェクト（{ … }）で指定してください。"

    @property
    def actor(self):
        return api_actor(self.request)

    def validated_input(self, serializer_class) -> dict:
        """The request body, validated by ``serializer_class`` (400 with the errors otherwise)."""
        if not isinstance(self.request.data, dict):
            raise exceptions.ValidationError({NON_FIELD_ERRORS: [self.NOT_AN_OBJECT]})
        serializer = serializer_class(data=self.request.data, context={"request": self.request, "view": self})
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def validated_params(self, serializer_class) -> dict:
        """The list's query parameters, validated (400 on a bad value)."""
        params = serializer_class(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        return params.validated_data


class ApiView(ApiInput, APIView):
    """Base of the API views that are not a list of records: calculators, aggregates, catalogues."""

    permission_classes = [ActorPermission]
    write_roles: tuple[str, ...] = ()


class ScopedViewSet(ApiInput, viewsets.GenericViewSet):
    """Base of the API viewsets: what a list or detail shows is ``restrict(queryset, actor, VIEW)``.

    Records outside the actor's scope answer 404. Subclasses set ``queryset`` and ``write_roles``
    and may narrow lists in ``filter_list`` (filters do not apply to the detail).
    """

    permission_classes = [ActorPermission]
    pagination_class = ApiPagination
    write_roles: tuple[str, ...] = ()

    def get_queryset(self) -> QuerySet:
        queryset = super().get_queryset()
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular building the schema
            return queryset.none()
        return restrict(queryset, self.actor, VIEW)

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        return self.filter_list(queryset) if self.action == "list" else queryset

    # The list page's FilterForm (core.lists): one validation and one apply() for the page, its
    # downloads and this endpoint; its fields are the endpoint's documented query parameters.
    filter_form = None

    def filter_list(self, queryset: QuerySet) -> QuerySet:
        if self.filter_form is None:
            return queryset
        form = self.filter_form(self.request.query_params, actor=self.actor, api=True)
        if not form.is_valid():
            raise exceptions.ValidationError(
                {NON_FIELD_ERRORS if name == "__all__" else name: list(errors) for name, errors in form.errors.items()})
        return form.apply(queryset)

    def get_changeable_object(self):
        """The object of the URL for a write: 404 outside the scope, 403 when it may only be seen."""
        pk = str(self.kwargs[self.lookup_url_kwarg or self.lookup_field])
        if not pk.isdigit():
            raise exceptions.NotFound()
        # Only the permission check: the list's prefetches would load rows the write does not use.
        return get_for_actor(super().get_queryset().prefetch_related(None), self.actor, action=CHANGE, pk=int(pk))
