"""What every list shares (core.lists): pagination that keeps the filters, the fiscal-year parameter."""

from django.template import Context, Template
from django.test import RequestFactory

from hogokan.core.lists import fiscal_year_choices, fiscal_year_param, paginate


def test_page_links_keep_repeated_parameters():
    request = RequestFactory().get("/x/", {"unit": ["1", "2"], "q": "山田", "page": "3"})
    html = Template("{% load hogokan %}{% page_query 4 %}").render(Context({"request": request}))
    assert html == "unit=1&amp;unit=2&amp;q=%E5%B1%B1%E7%94%B0&amp;page=4"


def test_paginate_survives_any_page_parameter():
    items = list(range(120))
    for raw, number in (("2", 2), ("99", 3), ("abc", 1), ("-1", 3), ("", 1)):
        assert paginate(RequestFactory().get("/", {"page": raw}), items).number == number


def test_fiscal_year_parameter_has_one_range_and_two_names():
    get = RequestFactory().get
    assert fiscal_year_param(get("/", {"fiscal_year": "2024"}), default=2026) == 2024
    assert fiscal_year_param(get("/", {"year": "2023"}), default=2026) == 2023          # old links
    for bad in ("0", "1988", "2100", "２０２４", "²", "20245", "abc"):
        assert fiscal_year_param(get("/", {"fiscal_year": bad}), default=2026) == 2026, bad
    assert fiscal_year_choices(latest=2026, count=3) == [(2026, "令和8年度"), (2025, "令和7年度"), (2024, "令和6年度")]


def test_safe_next_accepts_only_local_paths():
    from hogokan.core.redirects import safe_next

    request = RequestFactory().get("/")
    assert safe_next(request, "/registers/?q=1") == "/registers/?q=1"
    for hostile in ("https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)", "", None):
        assert safe_next(request, hostile, "/fallback/") == "/fallback/", hostile
