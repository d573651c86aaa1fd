"""``[plugins.notify]``: where digests go and how hard to try."""

from __future__ import annotations

import ipaddress
import os
import urllib.parse
from collections.abc import Mapping
from typing import Any

import attrs

from enforcement_supervision.config import Config
from enforcement_supervision.errors import ConfigurationError
from enforcement_supervision.rules import Severity

__all__ = ["EmailSettings", "NotifySettings", "WebhookSettings"]

_KEYS = frozenset(
    {
        "enabled",
        "schedules",
        "min_severity",
        "skip_empty",
        "store_url",
        "timeout",
        "retries",
        "backoff",
        "max_items",
        "background",
        "lang",
        "webhook",
        "email",
    }
)
_WEBHOOK_KEYS = frozenset({"url", "headers"})
_EMAIL_KEYS = frozenset(
    {
        "host",
        "port",
        "sender",
        "to",
        "agencies",
        "starttls",
        "ssl",
        "security",
        "ca_file",
        "allow_plaintext_auth",
        "username",
        "password_env",
        "subject_prefix",
    }
)


def _problem(key: str, zh: str, en: str) -> ConfigurationError:
    return ConfigurationError(f"[plugins.notify] {key}：{zh}", f"[plugins.notify] {key}: {en}")


def _unknown(table: Mapping[str, Any], allowed: frozenset[str], where: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise _problem(
            where,
            f"未知的键 {', '.join(unknown)}（可用：{', '.join(sorted(allowed))}）",
            f"unknown key(s) {', '.join(unknown)} (allowed: {', '.join(sorted(allowed))})",
        )


def _addresses(value: object, key: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) and "@" in v for v in items):
        raise _problem(key, "必须是电子邮件地址列表", "must be a list of e-mail addresses")
    return tuple(items)


def _number(table: Mapping[str, Any], key: str, default: float, low: float, high: float) -> float:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise _problem(key, f"必须是 {low:g} 到 {high:g} 之间的数", f"must be {low:g} to {high:g}")
    return float(value)


def _flag(table: Mapping[str, Any], key: str, default: bool) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        raise _problem(key, "必须是 true 或 false", "must be true or false")
    return value


_SECURITY = ("starttls", "ssl", "none")


def _security(table: Mapping[str, Any], port: int) -> str:
    """``security``, or what the older flags ``ssl``/``starttls`` say; default verified TLS
    (SMTPS on port 465, STARTTLS elsewhere)."""
    if "security" in table:
        value = table["security"]
        if value not in _SECURITY:
            raise _problem(
                "email.security", "应为 starttls、ssl 或 none", "must be starttls, ssl or none"
            )
        return str(value)
    if _flag(table, "ssl", False):
        return "ssl"
    if "starttls" in table and not _flag(table, "starttls", True):
        raise _problem(
            "email.starttls",
            'starttls = false 已不再表示明文发送；确需明文（仅限本机中继）请写 security = "none"',
            'starttls = false no longer means plaintext; write security = "none" if you '
            "really mean it (for a relay on this machine)",
        )
    return "ssl" if port == 465 else "starttls"


def _loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@attrs.frozen(kw_only=True)
class WebhookSettings:
    """``[plugins.notify.webhook]``: ``url`` receives an HTTP POST of the digest as JSON;
    ``headers`` are added to the request (e.g. an ``Authorization`` token)."""

    url: str
    headers: Mapping[str, str] = attrs.field(factory=dict)

    @property
    def target(self) -> str:
        """Host and port of the URL: what logs and reports name (never credentials)."""
        parts = urllib.parse.urlsplit(self.url)
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        return f"{host}:{parts.port}" if parts.port else host

    @property
    def secrets(self) -> tuple[str, ...]:
        """The credentials in the URL and the header values: redacted from error texts."""
        parts = urllib.parse.urlsplit(self.url)
        found = [parts.username, parts.password, *self.headers.values()]
        return tuple(sorted({item for item in found if item}, key=len, reverse=True))

    @classmethod
    def from_mapping(cls, table: Mapping[str, Any]) -> WebhookSettings:
        """Validate ``[plugins.notify.webhook]``."""
        _unknown(table, _WEBHOOK_KEYS, "webhook")
        url = table.get("url")
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise _problem("webhook.url", "必须是 http(s) 地址", "must be an http(s) URL")
        headers = table.get("headers", {})
        if not isinstance(headers, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in headers.items()
        ):
            raise _problem("webhook.headers", "必须是字符串表", "must be a table of strings")
        return cls(url=url, headers=dict(headers))


@attrs.frozen(kw_only=True)
class EmailSettings:
    """``[plugins.notify.email]``: an SMTP server, the sender, ``to`` (receives the whole
    digest) and ``agencies`` (``{agency_id: [addresses]}``: each agency receives only its
    own section). The password is read from the environment variable ``password_env``,
    never from the file."""

    host: str
    port: int = 25
    sender: str
    to: tuple[str, ...] = ()
    agencies: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    #: ``"starttls"`` (the default; STARTTLS is required, never skipped), ``"ssl"``
    #: (SMTPS, the default on port 465) or ``"none"`` (plaintext). Certificates and host
    #: names are always verified (``ca_file``: a private CA to trust besides the system's).
    security: str = "starttls"
    ca_file: str | None = None
    #: AUTH over a plaintext connection: only for a relay on this machine, and only when set.
    allow_plaintext_auth: bool = False
    username: str | None = None
    password_env: str | None = None
    subject_prefix: str = "[行政执法监督]"

    @property
    def password(self) -> str | None:
        """The SMTP password from the environment (``None`` when not set)."""
        return os.environ.get(self.password_env) if self.password_env else None

    @classmethod
    def from_mapping(cls, table: Mapping[str, Any]) -> EmailSettings:
        """Validate ``[plugins.notify.email]``."""
        _unknown(table, _EMAIL_KEYS, "email")
        host = table.get("host")
        if not isinstance(host, str) or not host:
            raise _problem("email.host", "必须给出 SMTP 服务器", "an SMTP host is required")
        port = table.get("port", 465 if table.get("ssl") or table.get("security") == "ssl" else 587)
        if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
            raise _problem("email.port", "必须是端口号", "must be a port number")
        sender = table.get("sender")
        if not isinstance(sender, str) or "@" not in sender:
            raise _problem("email.sender", "必须是电子邮件地址", "must be an e-mail address")
        agencies_table = table.get("agencies", {})
        if not isinstance(agencies_table, Mapping):
            raise _problem("email.agencies", "必须是表", "must be a table")
        agencies = {
            str(agency): _addresses(value, f"email.agencies.{agency}")
            for agency, value in agencies_table.items()
        }
        to = _addresses(table.get("to", []), "email.to")
        if not to and not agencies:
            raise _problem("email", "需要 to 或 agencies", "needs `to` or `agencies`")
        for key in ("username", "password_env", "subject_prefix"):
            if key in table and not isinstance(table[key], str):
                raise _problem(f"email.{key}", "必须是字符串", "must be a string")
        security = _security(table, port)
        ca_file = table.get("ca_file")
        if ca_file is not None and (not isinstance(ca_file, str) or not ca_file):
            raise _problem("email.ca_file", "必须是证书文件路径", "must be a certificate file path")
        allow_plain = _flag(table, "allow_plaintext_auth", False)
        username = table.get("username")
        if security == "none" and username:
            if not allow_plain:
                raise _problem(
                    "email.security",
                    "不加密的连接上不发送密码（plaintext）：请用 starttls 或 ssl；本机中继可设 "
                    "allow_plaintext_auth = true",
                    "refusing AUTH over a plaintext connection: use starttls or ssl (for a "
                    "relay on this machine, set allow_plaintext_auth = true)",
                )
            if not _loopback(host):
                raise _problem(
                    "email.allow_plaintext_auth",
                    f"只允许本机（loopback）中继，而 {host} 不是",
                    f"only for a relay on this machine (loopback); {host} is not",
                )
        return cls(
            host=host,
            port=port,
            sender=sender,
            to=to,
            agencies=agencies,
            security=security,
            ca_file=ca_file,
            allow_plaintext_auth=allow_plain,
            username=username,
            password_env=table.get("password_env"),
            subject_prefix=table.get("subject_prefix", "[行政执法监督]"),
        )


@attrs.frozen(kw_only=True)
class NotifySettings:
    """The plugin's settings, from ``[plugins.notify]`` (see the README)."""

    webhook: WebhookSettings | None = None
    email: EmailSettings | None = None
    enabled: bool = True
    schedules: tuple[str, ...] | None = None
    min_severity: Severity = Severity.S4
    skip_empty: bool = True
    timeout: float = 5.0
    retries: int = 3
    backoff: float = 1.0
    max_items: int = 50
    background: bool = True
    lang: str = "zh"

    @property
    def active(self) -> bool:
        """Enabled, with at least one channel."""
        return self.enabled and (self.webhook is not None or self.email is not None)

    @classmethod
    def from_mapping(cls, table: Mapping[str, Any], config: Config | None = None) -> NotifySettings:
        """Validate ``[plugins.notify]``. The overdue list is read from the run's own store
        (``run.store``); an old ``store_url`` key is accepted and ignored."""
        _unknown(table, _KEYS, "")
        webhook = table.get("webhook")
        email = table.get("email")
        for key, value in (("webhook", webhook), ("email", email)):
            if value is not None and not isinstance(value, Mapping):
                raise _problem(key, "必须是表", "must be a table")
        schedules = table.get("schedules")
        if schedules is not None and (
            not isinstance(schedules, list) or not all(isinstance(s, str) for s in schedules)
        ):
            raise _problem("schedules", "必须是计划名称列表", "must be a list of schedule names")
        try:
            min_severity = Severity.parse(str(table.get("min_severity", "S4")))
        except Exception:
            raise _problem("min_severity", "应为 S1–S4", "must be S1-S4") from None
        lang = table.get("lang", "zh")
        if lang not in ("zh", "en"):
            raise _problem("lang", "应为 zh 或 en", "must be zh or en")
        # ``store_url`` (hook API 1) stays a known key so old configurations load; the run's
        # own store (``run.store``) is read instead.
        return cls(
            webhook=None if webhook is None else WebhookSettings.from_mapping(webhook),
            email=None if email is None else EmailSettings.from_mapping(email),
            enabled=_flag(table, "enabled", True),
            schedules=None if schedules is None else tuple(schedules),
            min_severity=min_severity,
            skip_empty=_flag(table, "skip_empty", True),
            timeout=_number(table, "timeout", 5.0, 0.1, 120.0),
            retries=int(_number(table, "retries", 3, 0, 10)),
            backoff=_number(table, "backoff", 1.0, 0.0, 60.0),
            max_items=int(_number(table, "max_items", 50, 1, 10_000)),
            background=_flag(table, "background", True),
            lang=lang,
        )
