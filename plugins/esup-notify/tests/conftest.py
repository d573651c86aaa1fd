"""Real local receivers for the notification tests: an HTTP server (``http.server``) and
a tiny threaded SMTP responder (``socketserver``), both on 127.0.0.1 with ephemeral ports,
and a store to run real checks against."""

from __future__ import annotations

import email
import email.policy
import http.server
import socket
import socketserver
import threading
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from notify_support import SmtpServer, WebhookServer, leads

from enforcement_supervision.store import Store


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "esup.sqlite"
    with Store.open(path) as store:
        store.put_records(leads())
    return path


# --------------------------------------------------------------------------------------------
# HTTP


@pytest.fixture
def webhook() -> Iterator[WebhookServer]:
    state = WebhookServer(url="")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            state.requests += 1
            if state.hold is not None:
                state.holding.set()
                state.hold.wait(30)
            if state.requests <= state.fail_first:
                self.send_response(503)
                self.end_headers()
                return
            state.bodies.append(body)
            state.headers.append(dict(self.headers.items()))
            self.send_response(state.status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/esup"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    if state.hold is not None:
        state.hold.set()
    server.shutdown()
    server.server_close()


# --------------------------------------------------------------------------------------------
# SMTP


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    state = SmtpServer(port=0)

    class Handler(socketserver.StreamRequestHandler):
        def reply(self, line: str) -> None:
            self.wfile.write(line.encode("ascii") + b"\r\n")

        def handle(self) -> None:
            self.reply("220 localhost esup-test SMTP")
            sender, recipients = "", list[str]()
            while True:
                raw = self.rfile.readline()
                if not raw:
                    return
                command = raw.decode("utf-8", "replace").strip()
                verb = command.split(" ", 1)[0].upper()
                if verb == "EHLO":
                    self.reply("250-localhost")
                    self.reply("250 8BITMIME")
                elif verb == "HELO":
                    self.reply("250 localhost")
                elif verb == "MAIL":
                    sender, recipients = command.split(":", 1)[1].strip(" <>"), []
                    self.reply("250 OK")
                elif verb == "RCPT":
                    address = command.split(":", 1)[1].strip(" <>")
                    if address in state.refuse:
                        self.reply("550 no such user")
                    else:
                        recipients.append(address)
                        self.reply("250 OK")
                elif verb == "DATA":
                    self.reply("354 end with <CRLF>.<CRLF>")
                    lines: list[bytes] = []
                    while True:
                        line = self.rfile.readline()
                        if not line or line in (b".\r\n", b".\n"):
                            break
                        lines.append(line[1:] if line.startswith(b"..") else line)
                    message = email.message_from_bytes(b"".join(lines), policy=email.policy.default)
                    assert isinstance(message, EmailMessage)
                    state.messages.append((sender, recipients, message))
                    self.reply("250 OK queued")
                elif verb in ("RSET", "NOOP"):
                    self.reply("250 OK")
                elif verb == "QUIT":
                    self.reply("221 bye")
                    return
                else:
                    self.reply("502 not implemented")

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (connections are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
