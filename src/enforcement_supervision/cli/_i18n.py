"""The language of the command line: ``--help`` and click's own messages in Chinese by default,
in English under ``--lang en`` (or ``ESUP_LANG=en``).

Two tables, no gettext catalogues to compile or ship:

* click's message strings (``"Usage:"``, ``"Missing option"``, ``"{value!r} is not one of
  {choices}."`` …) → Chinese. Click looks each one up through the ``_``/``ngettext`` names of its
  modules at the moment it formats a message; :func:`install` points those names at
  :func:`gettext`, which returns the string unchanged unless an ``esup`` command is running in
  Chinese (a context variable), so other click programs in the same process are unaffected.
* the help texts of the commands and options → Chinese (:mod:`._help_zh`, keyed by command
  path and option), wrapped by display width (:mod:`._cjk_wrap`). :func:`apply_help` swaps
  them into the command tree for the run; a text without a translation stays English rather
  than disappearing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import click

__all__ = [
    "LANG_ENV",
    "apply_help",
    "detect_lang",
    "gettext",
    "install",
    "language",
    "ngettext",
    "say",
    "tr",
]

#: The environment variable that chooses the language (``zh`` or ``en``).
LANG_ENV = "ESUP_LANG"
LANGUAGES = ("zh", "en")

_CURRENT: ContextVar[str | None] = ContextVar("esup_lang", default=None)

#: click's messages (its gettext ids, as in click 8.1–8.3) → Chinese.
CLICK_ZH: dict[str, str] = {
    "Usage:": "用法:",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "位置参数",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行 '{command} {option}' 查看帮助。",
    "Show this message and exit.": "显示本帮助并退出。",
    "Show the version and exit.": "显示版本并退出。",
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
    "Missing command.": "缺少命令。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "No such option: {name}": "没有选项：{name}",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "Did you mean {possibility}?": "是否指 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是否指以下之一：{possibilities}？）",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "argument": "参数",
    "option": "选项",
    "parameter": "参数",
    "Invalid value: {message}": "无效的值：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Option {name!r} requires an argument.": "选项 {name!r} 需要一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 需要 {nargs} 个值。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不接受值。",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "Takes {nargs} values but 1 was given.": "需要 {nargs} 个值，但只给了 1 个。",
    "Takes {nargs} values but {len} were given.": "需要 {nargs} 个值，但给了 {len} 个。",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是以下之一：{choices}。",
    "{value!r} does not match the format {format}.": "{value!r} 不符合格式 {format}。",
    "{value!r} does not match the formats {formats}.": "{value!r} 不符合以下任一格式：{formats}。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "{value!r} is not a valid boolean.": "{value!r} 不是有效的布尔值。",
    "{value!r} is not a valid UUID.": "{value!r} 不是有效的 UUID。",
    "integer": "整数",
    "float": "小数",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是文件。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是文件夹。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 不可读。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 不可写。",
    "{name} {filename!r} is not executable.": "{name} {filename!r} 不可执行。",
    "file": "文件",
    "directory": "文件夹",
    "path": "路径",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "required": "必填",
    "(deprecated)": "（已弃用）",
    "deprecated": "已弃用",
    "(DEPRECATED)": "（已弃用）",
    "Aborted!": "已中止！",
    "Value must be an iterable.": "值必须是可迭代的。",
    "unknown error": "未知错误",
}


def gettext(message: str) -> str:
    """``message`` in the language of the running ``esup`` command (unchanged outside one)."""
    if _CURRENT.get() == "zh":
        return CLICK_ZH.get(message, message)
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    return gettext(singular if count == 1 else plural)


def say(zh: str, en: str) -> str:
    """The text in the language of the running command (Chinese unless ``--lang en``), for
    the command line's own usage errors."""
    return en if _CURRENT.get() == "en" else zh


def tr(message: str, **values: Any) -> str:
    """One of click's messages, translated and filled (for the errors esup raises itself in
    click's words, such as an unknown command)."""
    return gettext(message).format(**values)


_INSTALLED = False


def install() -> None:
    """Route click's message look-ups through :func:`gettext` (once per process)."""
    global _INSTALLED
    if _INSTALLED:
        return
    import importlib

    for name in ("core", "exceptions", "types", "parser", "formatting", "decorators", "utils"):
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
    # Chinese help is wrapped by display width while an esup command runs; any other text,
    # and every other click program's, by click as before.
    from enforcement_supervision.cli._cjk_wrap import cjk_wrapper

    formatting = importlib.import_module("click.formatting")
    formatting.wrap_text = cjk_wrapper(  # type: ignore[attr-defined]
        formatting.wrap_text, lambda: _CURRENT.get() is not None
    )
    _INSTALLED = True


def detect_lang(args: Sequence[str], options_with_values: Sequence[str]) -> str:
    """The language asked for on the command line before the sub-command (``--lang en`` or
    ``--lang=en``), else ``$ESUP_LANG``, else Chinese. Read before click parses anything, so
    that ``esup --help --lang en`` and click's own parse errors are in that language too."""
    chosen: str | None = None
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            chosen = args[index + 1]
            index += 2
            continue
        if arg.startswith("--lang="):
            chosen = arg.partition("=")[2]
        elif arg in options_with_values:
            index += 1  # skip the option's value
        elif not arg.startswith("-"):
            break  # the sub-command: its own --lang (esup report --lang) is not the CLI's
        index += 1
    if chosen in LANGUAGES:
        return chosen
    env = os.environ.get(LANG_ENV, "").strip().lower()
    return env if env in LANGUAGES else "zh"


@contextmanager
def language(lang: str) -> Iterator[None]:
    """Run an ``esup`` command in ``lang``: click's messages and the help texts."""
    install()
    token = _CURRENT.set(lang)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def _english(item: Any, attribute: str) -> str | None:
    # The English text is kept on the object the first time it is swapped out.
    saved = f"_esup_{attribute}_en"
    if not hasattr(item, saved):
        setattr(item, saved, getattr(item, attribute, None))
    value = getattr(item, saved)
    return value if isinstance(value, str) else None


def apply_help(command: click.Command, lang: str, path: str = "") -> None:
    """Put the help texts of ``command`` (at ``path``, ``""`` for the root) and everything
    under it in ``lang``."""
    from enforcement_supervision.cli._help_zh import HELP_ZH

    def pick(english: str | None, *keys: str) -> str | None:
        if english is None or lang != "zh":
            return english
        return next((HELP_ZH[key] for key in keys if key in HELP_ZH), english)

    english = _english(command, "help")
    command.help = pick(english, path)
    # click cuts the short help (command lists) at the first ". "; a Chinese text has none,
    # so its first sentence is given explicitly.
    saved_short = _english(command, "short_help")
    if command.help is not None and command.help != english:
        first = command.help.split("\n\n")[0].split("。")[0]
        command.short_help = first if first.endswith("。") else first + "。"
    else:
        command.short_help = saved_short
    prefix = f"{path} " if path else ""
    for param in command.params:
        if isinstance(param, click.Option):
            keys = [f"{prefix}{opt}" for opt in param.opts]
            keys += [f"* {opt}" for opt in param.opts]
            param.help = pick(_english(param, "help"), *keys)
    # click builds the --help option once per command (newer versions cache it), with its
    # text in the language of that first call: set it for this run.
    cached = getattr(command, "_help_option", None)
    if isinstance(cached, click.Option):
        cached.help = pick("Show this message and exit.", "* --help")
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            apply_help(sub, lang, f"{prefix}{name}")
