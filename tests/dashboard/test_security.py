"""dashboard.security on the real app: headers and a CSP whose hashes cover every inline script; errors without
tracebacks; request size limit; FRAME_ANCESTORS checked; no SQL built from anything but the query files."""
from __future__ import annotations

import ast
import base64
import hashlib
import logging
import re
from pathlib import Path

import flask
import pytest

from dashboard import security

ROOT = Path(__file__).resolve().parents[2]
PATHS = ["/", "/trends?lang=ru", "/_dash-layout", "/_dash-dependencies", "/healthz", "/api/v1/countries",
         "/assets/app.css", "/no/such/page"]
INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL)


@pytest.fixture()
def client(served_warehouse):
    from dashboard.app import app
    return app.server.test_client()


def directives(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return dict(d.strip().split(" ", 1) for d in policy.split(";"))


@pytest.mark.parametrize("path", PATHS)
def test_every_answer_carries_the_security_headers(client, path):
    response = client.get(path)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    csp = directives(response)
    assert csp["frame-ancestors"] == "'self'" and csp["object-src"] == "'none'" and csp["default-src"] == "'self'"
    assert "unsafe-inline" not in csp["script-src"] and "unsafe-eval" not in csp["script-src"]


def test_the_script_hashes_cover_exactly_the_inline_scripts_of_the_page(client):
    response = client.get("/")
    html = response.get_data(as_text=True)
    inline = [m["body"] for m in INLINE_SCRIPT.finditer(html)
              if "src=" not in m["attrs"] and "application/json" not in m["attrs"]]
    hashes = {f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in inline}
    allowed = set(directives(response)["script-src"].split()) - {"'self'"}
    assert inline and hashes == allowed


def test_the_production_app_runs_without_debug_or_dev_tools(client):
    from dashboard.app import app
    assert app.server.debug is False
    assert '"ui":false' in client.get("/").get_data(as_text=True).replace(" ", "")


def test_a_malformed_callback_request_is_refused_without_a_traceback(client):
    for body in ({"output": "no-such.children", "outputs": {"id": "no-such", "property": "children"},
                  "inputs": [], "state": []}, {"nonsense": True}):
        response = client.post("/_dash-update-component", json=body)
        assert 400 <= response.status_code < 600
        text = response.get_data(as_text=True)
        assert "Traceback" not in text and str(ROOT) not in text


def test_a_request_body_above_the_limit_is_refused_before_it_is_read(client):
    response = client.post("/_dash-update-component", data=b"x" * (security.MAX_REQUEST_BYTES + 1),
                           content_type="application/json")
    assert response.status_code == 413


@pytest.fixture()
def failing_server(monkeypatch) -> flask.Flask:
    """A bare server with security registered and one route that fails with a path in its message."""
    monkeypatch.setenv("FRAME_ANCESTORS", "'self' https://www.osce.org")
    server = flask.Flask("failing")
    security.register(server)

    @server.get("/fail")
    def fail():
        raise RuntimeError(f"cannot open {ROOT}/data/secret.duckdb")

    return server


@pytest.mark.parametrize("lang, heading", [("en", "Something went wrong"), ("ru", "Что-то пошло не так")])
def test_an_unexpected_error_shows_a_plain_page_and_only_the_log_has_the_traceback(failing_server, caplog, lang,
                                                                                 heading):
    with caplog.at_level(logging.ERROR):
        response = failing_server.test_client().get(f"/fail?lang={lang}")
    text = response.get_data(as_text=True)
    assert response.status_code == 500 and heading in text
    assert all(s not in text for s in ("Traceback", "RuntimeError", str(ROOT), "secret"))
    assert any(r.exc_info and "secret.duckdb" in str(r.exc_info[1]) for r in caplog.records)


def test_frame_ancestors_comes_from_the_setting(failing_server):
    response = failing_server.test_client().get("/fail")
    assert "frame-ancestors 'self' https://www.osce.org" in response.headers["Content-Security-Policy"]
    assert "X-Frame-Options" not in response.headers  # only frame-ancestors can name another site


@pytest.mark.parametrize("value", ["'self'", "'none'", "https://www.osce.org https://*.osce.org:8443",
                                   "'self' http://localhost:8050"])
def test_frame_ancestors_accepts_source_lists(value):
    assert security.frame_ancestors(value) == value


@pytest.mark.parametrize("value", ["", "'self'; script-src *", "https://a.org,https://b.org", "javascript:alert(1)",
                                   "'self'\r\nSet-Cookie: x=1", "https://a.org/path?x"])
def test_frame_ancestors_refuses_anything_that_could_change_the_policy(value):
    with pytest.raises(ValueError, match="FRAME_ANCESTORS"):
        security.frame_ancestors(value)


# Names whose value comes from a request: SQL text must never be formatted with them.
REQUEST_NAMES = {"request", "args", "search", "query", "params", "filters", "flt", "value", "values", "text"}


def sql_text_arguments(tree: ast.AST) -> list[ast.AST]:
    """First arguments of calls that run SQL (.execute, .sql and friends)."""
    return [n.args[0] for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
            and n.func.attr in ("execute", "executemany", "sql", "query_df", "from_query") and n.args]


def built_from_request(node: ast.AST) -> bool:
    """SQL text made with %, +, .format() or an f-string that mentions a request-derived name."""
    if isinstance(node, (ast.JoinedStr, ast.BinOp)) or (
            isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"):
        return any(isinstance(n, ast.Name) and n.id in REQUEST_NAMES for n in ast.walk(node))
    return False


def test_no_sql_text_in_the_dashboard_is_built_from_request_values():
    """Values reach SQL only as bound parameters ($name); the text comes from dashboard/queries or the code."""
    found = [f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)}"
             for path in (ROOT / "dashboard").rglob("*.py")
             for node in sql_text_arguments(ast.parse(path.read_text(encoding="utf-8"))) if built_from_request(node)]
    assert found == []


def test_the_sql_check_catches_an_f_string_with_a_request_value():
    tree = ast.parse('con.execute(f"SELECT * FROM t WHERE iso3 = \'{request.args[\'c\']}\'")\n'
                     'con.execute("SELECT 1 WHERE a = " + value)\ncon.execute(db.sql("x"), params)')
    assert [built_from_request(n) for n in sql_text_arguments(tree)] == [True, True, False, False]
