"""Every URL pattern of the project, walked from the resolver, with plausible values for its parameters.

Shared by the tests that must cover every page and API route without listing them (the second-factor
gate, the role matrix): a pattern added later is covered the day it is added.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from re import _parser as regex_parser

from django.urls import URLPattern, URLResolver, converters, get_resolver, resolve
from django.urls.resolvers import RoutePattern

PARAMETER = re.compile(r"<(?:\w+:)?(?P<name>\w+)>")  # <int:pk> or <pk> in a path() route
API_PREFIX = "/api/"
PAGE_METHODS = ("GET", "POST")
API_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


@dataclass(frozen=True)
class Route:
    path: str            # an example path that resolves to the pattern
    name: str | None     # "namespace:name", None for an unnamed pattern
    pattern: URLPattern
    route: str           # the pattern as written, all levels joined ("incidents/<int:pk>/edit/")

    @property
    def key(self) -> str:
        """How tables name it: the URL name, or the pattern itself when it has none."""
        return self.name or self.route

    @property
    def is_api(self) -> bool:
        return self.path.startswith(API_PREFIX)

    @property
    def parameters(self) -> tuple[str, ...]:
        return tuple(resolve(self.path).captured_kwargs)

    @property
    def methods(self) -> tuple[str, ...]:
        """GET and the state-changing methods the view answers (pages: GET/POST; the API: also PUT/PATCH/DELETE)."""
        return accepted_methods(self.pattern.callback, api=self.is_api)


def _walk(patterns, chain=(), namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, (*chain, pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else None
            yield (*chain, pattern.pattern), pattern, name


def _char_in(char: str, items) -> bool:
    negate = bool(items) and items[0][0] == regex_parser.NEGATE
    found = False
    for op, value in items[1:] if negate else items:
        if op == regex_parser.LITERAL:
            found |= ord(char) == value
        elif op == regex_parser.RANGE:
            found |= value[0] <= ord(char) <= value[1]
        elif op == regex_parser.CATEGORY:
            found |= {regex_parser.CATEGORY_DIGIT: char.isdigit(), regex_parser.CATEGORY_WORD: char.isalnum()}[value]
        else:
            raise ValueError(f"character set item {op} is not handled: extend _char_in")
    return found != negate


def _example(parsed) -> str:
    """One string the parsed regex matches: "1" where any character will do, the first branch of a choice."""
    out = []
    for op, value in parsed:
        if op == regex_parser.LITERAL:
            out.append(chr(value))
        elif op == regex_parser.AT:
            continue
        elif op in (regex_parser.ANY, regex_parser.NOT_LITERAL):
            out.append("1" if value != ord("1") else "x")
        elif op == regex_parser.IN:
            out.append(next(char for char in "1xa0-_" if _char_in(char, value)))
        elif op in (regex_parser.MAX_REPEAT, regex_parser.MIN_REPEAT):
            low, high, item = value
            out.append(_example(item) * (max(low, 1) if high else 0))
        elif op == regex_parser.SUBPATTERN:
            out.append(_example(value[-1]))
        elif op == regex_parser.BRANCH:
            out.append(_example(value[1][0]))
        else:
            raise ValueError(f"regex operator {op} is not handled: extend _example")
    return "".join(out)


def _converter_example(converter) -> str:
    if isinstance(converter, converters.IntConverter):
        return "1"
    if isinstance(converter, converters.UUIDConverter):
        return str(uuid.UUID(int=1))
    if isinstance(converter, converters.StringConverter):  # str, slug, path: a digit passes for an id too
        return "1"
    return _example(regex_parser.parse(converter.regex))


def _route_example(pattern) -> str:
    return PARAMETER.sub(lambda found: _converter_example(pattern.converters[found["name"]]), str(pattern))


def _path(chain) -> str:
    pieces = []
    for pattern in chain:
        if isinstance(pattern, RoutePattern):  # path()
            pieces.append(_route_example(pattern))
        else:  # re_path() / RegexPattern, as DRF's routers and the Django admin use
            pieces.append(_example(regex_parser.parse(pattern.regex.pattern)))
    return "/" + "".join(pieces)


def every_route() -> list[Route]:
    """Every URL pattern of the project; each example path resolves back to its own pattern."""
    routes = []
    for chain, pattern, name in _walk(get_resolver().url_patterns):
        path = _path(chain)
        match = resolve(path)
        assert match.func is pattern.callback, f"{path} does not resolve to {name or pattern}: fix _example"
        routes.append(Route(path, name, pattern, "".join(str(piece) for piece in chain)))
    return routes


def every_url() -> list[tuple[str, str | None]]:
    """(path, view name) for every URL pattern."""
    return [(route.path, route.name) for route in every_route()]


# ---- which methods a view answers -------------------------------------------------------------------

def _declared_methods(callback) -> set[str] | None:
    """The list of ``require_http_methods`` (require_GET, require_POST …) anywhere in the decorator chain."""
    function = callback
    while function is not None:
        code, closure = getattr(function, "__code__", None), getattr(function, "__closure__", None)
        if code is not None and closure:
            cells = dict(zip(code.co_freevars, closure, strict=True))
            if "request_method_list" in cells:
                return {method.upper() for method in cells["request_method_list"].cell_contents}
        function = getattr(function, "__wrapped__", None)
    return None


def accepted_methods(callback, *, api: bool = False) -> tuple[str, ...]:
    """The methods worth asking: what a DRF route maps, a class-based view defines, or a decorator allows."""
    candidates = API_METHODS if api else PAGE_METHODS
    actions = getattr(callback, "actions", None)  # a DRF viewset route: {"get": "list", "post": "create"}
    view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    if actions:
        handled = {method.upper() for method in actions}
    elif view_class is not None:
        handled = {method.upper() for method in view_class.http_method_names if hasattr(view_class, method)}
    else:
        handled = _declared_methods(callback) or set(PAGE_METHODS)
    return tuple(method for method in candidates if method in handled)
