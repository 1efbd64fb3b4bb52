"""Browser security headers (issue 12 §4): CSP without inline script, Permissions-Policy, HSTS behind TLS."""

import os
import subprocess
import sys


def test_pages_send_a_csp_without_inline_script(client_for, town, client):
    for response in (client_for("staff").get("/"), client.get("/registers/public/"), client.get("/accounts/login/")):
        policy = response["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
        assert directives["script-src"] == "'self'"
        assert "unsafe-inline" not in directives["style-src"]
        assert directives["frame-ancestors"] == "'none'"
        assert "camera=()" in response["Permissions-Policy"]


def test_only_the_api_docs_page_allows_inline_styles(client_for, town):
    policy = client_for("staff").get("/api/v1/docs/")["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy and "script-src 'self';" in policy + ";"


def test_hsts_is_sent_only_behind_a_tls_proxy():
    code = "import tests.settings as s; print(getattr(s, 'SECURE_HSTS_SECONDS', 0))"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    plain = subprocess.run([sys.executable, "-c", code], env={**env, "HOGOKAN_BEHIND_TLS_PROXY": ""},
                           capture_output=True, text=True, check=True)
    proxied = subprocess.run([sys.executable, "-c", code], env={**env, "HOGOKAN_BEHIND_TLS_PROXY": "true"},
                             capture_output=True, text=True, check=True)
    assert plain.stdout.strip() == "0"
    assert int(proxied.stdout.strip()) >= 365 * 24 * 60 * 60
