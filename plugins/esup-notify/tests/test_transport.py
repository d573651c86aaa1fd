"""The notify plugin's transport rules (issue 19 items 4 and 5), against real local servers
(``http.server``, a small SMTP responder speaking STARTTLS and SMTPS with certificates made
by ``openssl`` for the test):

* a webhook is never redirected: a 3xx (or any non-2xx) is a failed delivery, and the
  ``Authorization`` header never reaches the place a redirect points to;
* credentials in a webhook URL are sent as HTTP Basic authentication and never logged;
* SMTP defaults to verified TLS (STARTTLS, or SMTPS on port 465): a server without STARTTLS
  or with a certificate for another name gets neither the password nor the message; AUTH
  over a plain connection is refused unless allowed for a loopback relay.
"""

from __future__ import annotations

import base64
import http.server
import shutil
import socketserver
import ssl
import subprocess
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import attrs
import pytest
import structlog
from esup_notify import NotifySettings
from esup_notify._deliver import deliver
from esup_notify._digest import Digest

from enforcement_supervision.errors import ConfigurationError

SECRET = "S3CRETtoken"

# --------------------------------------------------------------------------------------------
# HTTP


@attrs.define
class Http:
    url: str = ""
    requests: list[tuple[str, str, dict[str, str]]] = attrs.field(factory=list)


def _http(status: int, location: str | None = None) -> Iterator[Http]:
    state = Http()

    class Handler(http.server.BaseHTTPRequestHandler):
        def _any(self) -> None:
            length = int(self.headers.get("Content-Length", "0") or 0)
            self.rfile.read(length)
            state.requests.append((self.command, self.path, dict(self.headers.items())))
            self.send_response(status)
            if location is not None:
                self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_POST = do_GET = _any

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def elsewhere() -> Iterator[Http]:
    """Where a redirect points: it must never be asked anything."""
    yield from _http(200)


def _digest() -> Digest:
    return Digest(
        run_id="r-1",
        as_of=datetime(2026, 3, 5, tzinfo=UTC),
        outcome="ok",
        schedule=None,
        slot=None,
        opened=0,
        resolved=0,
        reopened=0,
        rule_errors=(),
        agencies=(),
        overdue_available=True,
    )


def _settings(
    webhook: dict[str, Any] | None = None, email: dict[str, Any] | None = None
) -> NotifySettings:
    table: dict[str, Any] = {"retries": 2, "backoff": 0, "timeout": 5}
    if webhook is not None:
        table["webhook"] = webhook
    if email is not None:
        table["email"] = email
    return NotifySettings.from_mapping(table)


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_is_a_failed_delivery_and_the_token_stays(elsewhere: Http, status: int) -> None:
    for hook in _http(status, location=f"{elsewhere.url}/steal"):
        settings = _settings(
            {"url": f"{hook.url}/hooks", "headers": {"Authorization": f"Bearer {SECRET}"}}
        )
        with structlog.testing.capture_logs() as logs:
            [report] = deliver(settings, _digest(), sleep=lambda _: None)
        assert not report.ok
        assert report.attempts == 1  # not retried: it will redirect again
        assert str(status) in (report.error or "")
        assert [method for method, _, _ in hook.requests] == ["POST"]
        assert elsewhere.requests == []
        assert [entry["event"] for entry in logs] == ["notify_delivery_failed"]


@pytest.mark.parametrize("status", [202, 204])
def test_any_2xx_is_delivered(status: int) -> None:
    for hook in _http(status):
        [report] = deliver(_settings({"url": f"{hook.url}/hooks"}), _digest())
        assert report.ok


def test_a_non_2xx_success_code_is_a_failure() -> None:
    for hook in _http(304):
        [report] = deliver(_settings({"url": f"{hook.url}/hooks"}), _digest(), sleep=lambda _: None)
        assert not report.ok


def test_credentials_in_the_url_are_basic_auth_and_never_logged() -> None:
    for hook in _http(200):
        url = hook.url.replace("http://", f"http://hookuser:{SECRET}@") + "/hooks?x=1"
        with structlog.testing.capture_logs() as logs:
            [report] = deliver(_settings({"url": url}), _digest())
        assert report.ok, report.error
        [(_, path, headers)] = hook.requests
        assert path == "/hooks?x=1"
        expected = base64.b64encode(f"hookuser:{SECRET}".encode()).decode()
        assert headers["Authorization"] == f"Basic {expected}"
        assert SECRET not in repr(logs)
        assert SECRET not in report.target
        assert "hookuser" not in report.target
    # A receiver that is down: the error text names the host, never the credentials.
    url = f"http://hookuser:{SECRET}@127.0.0.1:1/hooks"
    with structlog.testing.capture_logs() as logs:
        [report] = deliver(_settings({"url": url}), _digest(), sleep=lambda _: None)
    assert not report.ok
    assert SECRET not in repr(logs) + (report.error or "") + report.target


# --------------------------------------------------------------------------------------------
# SMTP


@attrs.define
class Certificates:
    ca: Path
    good: tuple[Path, Path]  # for 127.0.0.1 and localhost, signed by ``ca``
    other: tuple[Path, Path]  # self-signed, for other.example


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=str(cwd), check=True, capture_output=True)


@pytest.fixture(scope="session")
def certs(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make the test certificates")
    folder = tmp_path_factory.mktemp("certs")
    _openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=esup test CA",
        cwd=folder,
    )
    _openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "good.key",
        "-out",
        "good.csr",
        "-subj",
        "/CN=localhost",
        cwd=folder,
    )
    (folder / "san.ext").write_text("subjectAltName=DNS:localhost,IP:127.0.0.1\n")
    _openssl(
        "x509",
        "-req",
        "-in",
        "good.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "good.pem",
        "-days",
        "2",
        "-extfile",
        "san.ext",
        cwd=folder,
    )
    _openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "other.key",
        "-out",
        "other.pem",
        "-days",
        "2",
        "-subj",
        "/CN=other.example",
        "-addext",
        "subjectAltName=DNS:other.example",
        cwd=folder,
    )
    return Certificates(
        ca=folder / "ca.pem",
        good=(folder / "good.pem", folder / "good.key"),
        other=(folder / "other.pem", folder / "other.key"),
    )


@attrs.define
class Smtp:
    port: int = 0
    #: (mechanism line, whether the connection was encrypted) of each AUTH received.
    auths: list[tuple[str, bool]] = attrs.field(factory=list)
    messages: int = 0


def _smtp(cert: tuple[Path, Path] | None, *, implicit: bool = False) -> Iterator[Smtp]:
    state = Smtp()
    context: ssl.SSLContext | None = None
    if cert is not None:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(str(cert[0]), str(cert[1]))

    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            sock = self.request
            tls = False
            if implicit:
                assert context is not None
                try:
                    sock = context.wrap_socket(sock, server_side=True)
                except (ssl.SSLError, OSError):
                    return
                tls = True
            stream = sock.makefile("rwb")

            def reply(line: str) -> None:
                stream.write(line.encode() + b"\r\n")
                stream.flush()

            reply("220 localhost esup-test")
            while True:
                raw = stream.readline()
                if not raw:
                    return
                command = raw.decode("utf-8", "replace").strip()
                verb = command.split(" ", 1)[0].upper()
                if verb == "EHLO":
                    reply("250-localhost")
                    if context is not None and not tls and not implicit:
                        reply("250-STARTTLS")
                    reply("250 AUTH PLAIN LOGIN")
                elif verb == "STARTTLS" and context is not None and not tls:
                    reply("220 go ahead")
                    try:
                        sock = context.wrap_socket(sock, server_side=True)
                    except (ssl.SSLError, OSError):
                        return
                    tls = True
                    stream = sock.makefile("rwb")
                elif verb == "AUTH":
                    state.auths.append((command, tls))
                    reply("235 ok")
                elif verb in ("MAIL", "RCPT", "RSET", "NOOP"):
                    reply("250 OK")
                elif verb == "DATA":
                    reply("354 go")
                    while stream.readline() not in (b".\r\n", b".\n", b""):
                        pass
                    state.messages += 1
                    reply("250 queued")
                elif verb == "QUIT":
                    reply("221 bye")
                    return
                else:
                    reply("502 no")

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def _mail(smtp: Smtp, **extra: Any) -> dict[str, Any]:
    return {
        "host": "127.0.0.1",
        "port": smtp.port,
        "sender": "esup@example.gov.cn",
        "to": ["office@example.gov.cn"],
        "username": "esup",
        "password_env": "ESUP_TEST_SMTP_PASSWORD",
        **extra,
    }


@pytest.fixture(autouse=True)
def _password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESUP_TEST_SMTP_PASSWORD", SECRET)


def _send(settings: NotifySettings) -> Any:
    digest = _digest()
    with structlog.testing.capture_logs() as logs:
        reports = deliver(settings, digest, sleep=lambda _: None)
    assert SECRET not in repr(logs)
    return reports


def test_the_default_is_starttls_and_a_plain_server_gets_nothing() -> None:
    for smtp in _smtp(None):
        settings = _settings(email=_mail(smtp))
        assert settings.email is not None
        assert settings.email.security == "starttls"
        [report] = _send(settings)
        assert not report.ok
        assert smtp.auths == []
        assert smtp.messages == 0


def test_starttls_with_a_certificate_for_another_name_is_refused(certs: Certificates) -> None:
    for smtp in _smtp(certs.other):
        [report] = _send(_settings(email=_mail(smtp, starttls=True)))
        assert not report.ok
        assert "certificate" in (report.error or "").lower()
        assert smtp.auths == []
        assert smtp.messages == 0


def test_starttls_with_a_verified_certificate_delivers(certs: Certificates) -> None:
    for smtp in _smtp(certs.good):
        [report] = _send(_settings(email=_mail(smtp, ca_file=str(certs.ca))))
        assert report.ok, report.error
        assert [tls for _, tls in smtp.auths] == [True]
        assert smtp.messages == 1


def test_smtps_with_a_verified_certificate_delivers(certs: Certificates) -> None:
    for smtp in _smtp(certs.good, implicit=True):
        [report] = _send(_settings(email=_mail(smtp, security="ssl", ca_file=str(certs.ca))))
        assert report.ok, report.error
        assert [tls for _, tls in smtp.auths] == [True]


def test_smtps_with_an_unverified_certificate_is_refused(certs: Certificates) -> None:
    for smtp in _smtp(certs.good, implicit=True):
        [report] = _send(_settings(email=_mail(smtp, security="ssl")))  # CA not trusted
        assert not report.ok
        assert smtp.auths == []


def test_auth_in_plaintext_only_for_an_allowed_loopback_relay() -> None:
    with pytest.raises(ConfigurationError, match="plaintext"):
        _settings(email={**_mail(Smtp(port=25)), "security": "none"})
    with pytest.raises(ConfigurationError, match="loopback"):
        _settings(
            email={
                **_mail(Smtp(port=25)),
                "host": "mail.example.gov.cn",
                "security": "none",
                "allow_plaintext_auth": True,
            }
        )
    for smtp in _smtp(None):
        [report] = _send(_settings(email=_mail(smtp, security="none", allow_plaintext_auth=True)))
        assert report.ok, report.error
        assert [tls for _, tls in smtp.auths] == [False]
    # Without credentials a plain relay needs nothing allowed.
    for smtp in _smtp(None):
        plain = {**_mail(smtp, security="none")}
        del plain["username"], plain["password_env"]
        [report] = _send(_settings(email=plain))
        assert report.ok, report.error
