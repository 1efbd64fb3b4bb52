"""What the OpenAPI schema (/api/v1/openapi.json) says beyond drf-spectacular's reading of the views.

The schema is the API's contract with other systems, and tests/api/test_fuzz.py holds every answer to
it, so it states what the code does:

- every operation's errors (core.rest.ERROR_RESPONSES: 400, 401, 403; 404 where the path names a record;
  415 where there is a body), in the shapes of core.rest.api_exception_handler;
- a list's FilterForm as its query parameters (core.rest.form_parameters), on the list only;
- integers in a path or query within ±(2^63 - 1) (core.middleware.RequestGuardMiddleware answers 400 beyond);
- an empty optional query parameter as "not given" (DRF and Django forms read it so);
- text that must not be blank (DRF trims it first);
- dates the API takes within their range (``date_pattern``, from core.rest.DateField).
"""

from __future__ import annotations

from datetime import date

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import get_lib_doc_excludes
from rest_framework import serializers

from hogokan.core.calendar import EARLIEST_DATE, LATEST_DATE
from hogokan.core.middleware import MAX_INTEGER
from hogokan.core.rest import (
    ERROR_RESPONSES,
    DateField,
    InputSerializer,
    JsonTypes,
    RecordSerializer,
    form_parameters,
)

BODY_METHODS = ("POST", "PUT", "PATCH")


class ApiSchema(AutoSchema):
    """The OpenAPI description of every API operation (REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"])."""

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        filter_form = getattr(self.view, "filter_form", None)
        if filter_form is not None and getattr(self.view, "action", None) == "list":
            parameters = [*form_parameters(filter_form), *parameters]
        return parameters

    def _get_parameters(self):
        parameters = super()._get_parameters()
        for parameter in parameters:
            schema = dict(parameter.get("schema", {}))
            if parameter["in"] in ("path", "query") and schema.get("type") == "integer":
                schema.setdefault("minimum", -MAX_INTEGER)
                schema.setdefault("maximum", MAX_INTEGER)
            if parameter["in"] == "query" and not parameter.get("required") and schema.get("type") == "string":
                if "" not in schema.get("enum", [""]):
                    schema["enum"] = [*schema["enum"], ""]
                    schema.pop("minLength", None)
                elif "format" in schema or "pattern" in schema:
                    constrained = {key: schema.pop(key) for key in ("format", "pattern") if key in schema}
                    schema["anyOf"] = [constrained, {"maxLength": 0}]
            parameter["schema"] = schema
        return parameters

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if (direction == "request" and isinstance(field, serializers.CharField) and not field.allow_blank
                and not field.read_only and isinstance(schema, dict) and "type" in schema and "pattern" not in schema):
            # Text that must not be blank: DRF strips it first, so it needs a character that is not a space.
            schema = {**schema, "pattern": r"\S"} if field.trim_whitespace else {**schema, "minLength": 1}
        return schema

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = [400, 401, 403, *([404] if "{" in self.path else []), *([415] if self.method in BODY_METHODS else [])]
        for code in codes:
            if str(code) not in responses:
                responses[str(code)] = self._get_response_for_code(ERROR_RESPONSES[code], str(code),
                                                                   direction=direction)
        return responses


def doc_excludes() -> list:
    """SPECTACULAR_SETTINGS["GET_LIB_DOC_EXCLUDES"]: the docstrings of core.rest's base serializers are for
    developers; a record or body without a docstring of its own has no description in the schema."""
    return [*get_lib_doc_excludes(), JsonTypes, InputSerializer, RecordSerializer]


# ---- dates ----------------------------------------------------------------------------------------

def _number_range(low: int, high: int, width: int) -> str:
    """A regular expression for the zero-padded ``width``-digit numbers from ``low`` to ``high``."""
    if width == 1:
        return str(low) if low == high else f"[{low}-{high}]"
    step, any_rest = 10 ** (width - 1), "[0-9]" if width == 2 else f"[0-9]{{{width - 1}}}"

    def led(digit: int, rest: str) -> str:
        return f"{digit}{rest}" if "|" not in rest else f"{digit}(?:{rest})"

    first, last = low // step, high // step
    if first == last:
        return led(first, _number_range(low % step, high % step, width - 1))
    parts = []
    if low % step:
        parts.append(led(first, _number_range(low % step, step - 1, width - 1)))
        first += 1
    whole_last = last if high % step == step - 1 else last - 1
    if first <= whole_last:
        parts.append(f"{first}{any_rest}" if first == whole_last else f"[{first}-{whole_last}]{any_rest}")
    if whole_last != last:
        parts.append(led(last, _number_range(0, high % step, width - 1)))
    return "|".join(parts)


_MONTH, _DAY = "(?:0[1-9]|1[0-2])", "(?:0[1-9]|[12][0-9]|3[01])"


def date_pattern(earliest: date | None = None) -> str:
    """The pattern of a YYYY-MM-DD date from ``earliest`` (default 明治, core.calendar.EARLIEST_DATE) to
    LATEST_DATE (the last day of a year); the schema's ``format: date`` rules out days such as 02-30."""
    earliest = earliest or EARLIEST_DATE
    first_year, parts = earliest.year, []
    if (earliest.month, earliest.day) != (1, 1):
        parts.append(f"{first_year}-{earliest.month:02d}-(?:{_number_range(earliest.day, 31, 2)})")
        if earliest.month < 12:
            parts.append(f"{first_year}-(?:{_number_range(earliest.month + 1, 12, 2)})-{_DAY}")
        first_year += 1
    if first_year <= LATEST_DATE.year:
        parts.append(f"(?:{_number_range(first_year, LATEST_DATE.year, 4)})-{_MONTH}-{_DAY}")
    return f"^(?:{'|'.join(parts)})$"


class DateFieldSchema(OpenApiSerializerFieldExtension):
    """A date the API takes is documented with its range (``date_pattern``); the dates it answers are plain dates."""

    target_class = DateField

    def map_serializer_field(self, auto_schema, direction):
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        if direction == "request":
            schema["pattern"] = date_pattern(self.target.earliest)
        return schema
