"""``[plugins.notify]``: where digests go and how hard to try."""

from __future__ import annotations

import os
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


@attrs.frozen(kw_only=True)
class WebhookSettings:
    """``[plugins.notify.webhook]``: ``url`` receives an HTTP POST of the digest as JSON;
    ``headers`` are added to the request (e.g. an ``Authorization`` token)."""

    url: str
    headers: Mapping[str, str] = attrs.field(factory=dict)

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
    starttls: bool = False
    ssl: bool = False
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
        port = table.get("port", 465 if table.get("ssl") else 25)
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
        return cls(
            host=host,
            port=port,
            sender=sender,
            to=to,
            agencies=agencies,
            starttls=_flag(table, "starttls", False),
            ssl=_flag(table, "ssl", False),
            username=table.get("username"),
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
