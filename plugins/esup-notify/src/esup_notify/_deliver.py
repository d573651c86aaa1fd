"""Delivery with bounded retries: an HTTP POST of JSON (``urllib``) and SMTP (``smtplib``)."""

from __future__ import annotations

import base64
import functools
import json
import smtplib
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

import attrs
import structlog

from esup_notify._digest import Digest
from esup_notify._settings import EmailSettings, NotifySettings, WebhookSettings

__all__ = ["DeliveryReport", "PermanentFailure", "deliver", "email_messages", "post_webhook"]

_log = structlog.get_logger("esup_notify")
#: Longest wait between two attempts, whatever ``backoff`` says.
MAX_BACKOFF = 30.0
_USER_AGENT = "esup-notify/0.1"


class PermanentFailure(Exception):
    """A refusal that trying again will not fix (HTTP 4xx, a refused recipient, a bad
    password)."""


@attrs.frozen(kw_only=True)
class DeliveryReport:
    """How one delivery went: ``channel`` (``webhook`` or ``email``), ``target`` (the host,
    never credentials), ``ok``, ``attempts`` made and the last ``error``."""

    run_id: str
    channel: str
    target: str
    ok: bool
    attempts: int
    error: str | None = None
    finished_at: datetime = attrs.field(factory=lambda: datetime.now(UTC))


def _retrying(
    action: Callable[[], None],
    *,
    retries: int,
    backoff: float,
    sleep: Callable[[float], None],
) -> tuple[bool, int, str | None]:
    attempts = 0
    error: str | None = None
    for attempt in range(retries + 1):
        attempts = attempt + 1
        try:
            action()
            return True, attempts, None
        except PermanentFailure as exc:
            return False, attempts, str(exc)
        except Exception as exc:  # network errors, timeouts, 5xx: try again
            error = f"{type(exc).__name__}: {exc}"
        if attempt < retries:
            sleep(min(MAX_BACKOFF, backoff * (2**attempt)))
    return False, attempts, error


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Never follow a redirect: the request (with its token) goes to the configured URL
    only; the 3xx comes back as an HTTP error and fails the delivery."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirects())


def _redacted(text: str, secrets: tuple[str, ...]) -> str:
    for secret in secrets:
        text = text.replace(secret, "***")
        quoted = urllib.parse.quote(secret, safe="")
        if quoted != secret:
            text = text.replace(quoted, "***")
    return text


def _without_credentials(url: str) -> tuple[str, str | None]:
    """The URL without ``user:password@``, and the Basic authorisation they stand for."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, None
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    user = urllib.parse.unquote(parts.username or "")
    password = urllib.parse.unquote(parts.password or "")
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc)), f"Basic {token}"


def post_webhook(settings: WebhookSettings, body: bytes, *, timeout: float) -> None:
    """POST ``body`` (JSON) once, without following redirects; raises on failure
    (:class:`PermanentFailure` for a 3xx, another non-2xx success and a 4xx). Error texts
    never carry the URL's credentials or the header values."""
    url, basic = _without_credentials(settings.url)
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": _USER_AGENT,
        **({"Authorization": basic} if basic else {}),
        **settings.headers,
    }
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            response.read()
            status = int(response.status)
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:
            raise PermanentFailure(
                f"HTTP {exc.code} {exc.reason}: redirects are not followed (configure the "
                "final URL)"
            ) from None
        if 400 <= exc.code < 500 and exc.code not in (408, 425, 429):
            raise PermanentFailure(f"HTTP {exc.code} {exc.reason}") from None
        raise _Transient(f"HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise _Transient(_redacted(f"{type(exc).__name__}: {exc}", settings.secrets)) from None
    if not 200 <= status < 300:
        raise PermanentFailure(f"HTTP {status}: not a success (2xx)")


class _Transient(Exception):
    """A failure worth another try (its text already redacted)."""


def email_messages(settings: EmailSettings, digest: Digest, lang: str) -> list[EmailMessage]:
    """One message with the whole digest to ``to``, and one per configured agency with
    only that agency's section (an agency with nothing to report gets none)."""
    messages: list[EmailMessage] = []

    def message(part: Digest, recipients: tuple[str, ...]) -> EmailMessage:
        mail = EmailMessage()
        mail["Subject"] = part.subject(settings.subject_prefix, lang)
        mail["From"] = settings.sender
        mail["To"] = ", ".join(recipients)
        mail["Date"] = formatdate(localtime=False)
        mail["Message-ID"] = make_msgid(domain=settings.sender.rsplit("@", 1)[-1])
        mail.set_content(part.render_text(lang), charset="utf-8")
        return mail

    if settings.to:
        messages.append(message(digest, settings.to))
    for agency, recipients in sorted(settings.agencies.items()):
        part = digest.for_agency(agency)
        if part.new_total or part.overdue_total:
            messages.append(message(part, recipients))
    return messages


def _tls_context(settings: EmailSettings) -> ssl.SSLContext:
    """Certificate and host-name checks, always (a private CA may be added)."""
    context = ssl.create_default_context()
    if settings.ca_file:
        context.load_verify_locations(cafile=settings.ca_file)
    return context


def send_email(settings: EmailSettings, message: EmailMessage, *, timeout: float) -> None:
    """Send one message once; raises on failure. ``security = "ssl"``: SMTPS;
    ``"starttls"``: STARTTLS before anything else (a server that does not offer it gets
    nothing); both verify the certificate and the host name. AUTH goes over plaintext only
    where the settings allowed it (a loopback relay)."""
    client: smtplib.SMTP
    try:
        if settings.security == "ssl":
            client = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=timeout, context=_tls_context(settings)
            )
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=timeout)
    except ssl.SSLCertVerificationError as exc:
        raise PermanentFailure(
            f"the SMTP server's certificate failed verification: {exc.verify_message}"
        ) from None
    try:
        client.ehlo()
        if settings.security == "starttls":
            if not client.has_extn("starttls"):
                raise PermanentFailure(
                    "the SMTP server does not offer STARTTLS; nothing was sent "
                    '(security = "starttls")'
                )
            client.starttls(context=_tls_context(settings))
            client.ehlo()
        if settings.username:
            if settings.security == "none" and not settings.allow_plaintext_auth:
                raise PermanentFailure("refusing SMTP AUTH over a plaintext connection")
            try:
                client.login(settings.username, settings.password or "")
            except smtplib.SMTPAuthenticationError as exc:
                raise PermanentFailure(f"SMTP authentication failed ({exc.smtp_code})") from None
        try:
            client.send_message(message)
        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused) as exc:
            raise PermanentFailure(f"SMTP refused: {type(exc).__name__}") from None
    except ssl.SSLCertVerificationError as exc:
        raise PermanentFailure(
            f"the SMTP server's certificate failed verification: {exc.verify_message}"
        ) from None
    finally:
        try:
            client.quit()
        except Exception:
            client.close()


def deliver(
    settings: NotifySettings,
    digest: Digest,
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> list[DeliveryReport]:
    """Deliver ``digest`` to every configured channel, each with ``retries`` retries and
    exponential ``backoff``; never raises. Failures are logged (channel, host, error type:
    never the digest's content)."""
    reports: list[DeliveryReport] = []
    if settings.webhook is not None:
        webhook = settings.webhook
        body = json.dumps(digest.to_dict(), ensure_ascii=False).encode("utf-8")
        ok, attempts, error = _retrying(
            lambda: post_webhook(webhook, body, timeout=settings.timeout),
            retries=settings.retries,
            backoff=settings.backoff,
            sleep=sleep,
        )
        target = webhook.target
        reports.append(
            DeliveryReport(
                run_id=digest.run_id,
                channel="webhook",
                target=target,
                ok=ok,
                attempts=attempts,
                error=error,
            )
        )
    if settings.email is not None:
        email = settings.email
        for message in email_messages(email, digest, settings.lang):
            ok, attempts, error = _retrying(
                functools.partial(send_email, email, message, timeout=settings.timeout),
                retries=settings.retries,
                backoff=settings.backoff,
                sleep=sleep,
            )
            reports.append(
                DeliveryReport(
                    run_id=digest.run_id,
                    channel="email",
                    target=f"{email.host}:{email.port}",
                    ok=ok,
                    attempts=attempts,
                    error=error,
                )
            )
    for report in reports:
        if report.ok:
            _log.info(
                "notify_delivered",
                channel=report.channel,
                target=report.target,
                attempts=report.attempts,
                run_id=report.run_id,
            )
        else:
            _log.error(
                "notify_delivery_failed",
                channel=report.channel,
                target=report.target,
                attempts=report.attempts,
                error=report.error,
                run_id=report.run_id,
            )
    return reports
