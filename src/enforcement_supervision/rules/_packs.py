"""Pack parameters: one value read by several rules of a plugin, set once.

A parameter declared with ``shared=True`` (:func:`~enforcement_supervision.rules.pack_parameter`)
belongs to the plugin (the *pack*), not to one rule: every rule of the pack that declares a
parameter of that name reads the same value. A deployment sets it once::

    [packs."national"]
    hearing_fine_threshold_person = 3000

An older configuration that sets it per rule (``[rules."PEN-NOTICE"]
hearing_fine_threshold_person = 3000``) still works when every such setting agrees: the value
applies to the whole pack, with a warning saying what to write instead; settings that
disagree are an error, since rules reading one threshold must never contradict each other.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from enforcement_supervision.rules._errors import RuleConfigurationError
from enforcement_supervision.rules._meta import Parameter, Rule

__all__ = ["pack_parameter_names", "settle_pack_parameters"]


def pack_parameter_names(rules: Iterable[Rule]) -> dict[str, dict[str, list[str]]]:
    """``{plugin: {parameter name: [rule ids]}}`` for the shared parameters of each pack."""
    found: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for rule in rules:
        for parameter in rule.parameters:
            if parameter.shared:
                found[rule.plugin or "local-rules"][parameter.name].append(rule.id)
    return {plugin: dict(names) for plugin, names in found.items()}


def settle_pack_parameters(
    rules: Iterable[Rule],
    parameters: dict[str, dict[str, Parameter]],
    sources: dict[str, dict[str, str]],
    packs_section: Mapping[str, Any],
    warn: Callable[[str], None],
) -> list[RuleConfigurationError]:
    """Give every rule of a pack the same value of each shared parameter.

    ``parameters``/``sources`` are the per-rule results after plugin overrides and the
    ``[rules."ID"]`` tables (changed in place); ``packs_section`` is the ``[packs]`` table.
    Returns the configuration errors (conflicting per-rule values, unknown names)."""
    by_id = {rule.id: rule for rule in rules}
    names = pack_parameter_names(by_id.values())
    problems: list[RuleConfigurationError] = []
    for plugin, table in packs_section.items():
        if plugin not in names:
            warn(f'[packs."{plugin}"] names no plugin with pack parameters')
            continue
        if not isinstance(table, Mapping):
            problems.append(
                RuleConfigurationError(
                    f'[packs."{plugin}"] 必须是表', f'[packs."{plugin}"] must be a table'
                )
            )
            continue
        for name in table:
            if name not in names[plugin]:
                known = ", ".join(sorted(names[plugin]))
                problems.append(
                    RuleConfigurationError(
                        f'[packs."{plugin}"] 没有参数 {name}（可用：{known}）',
                        f'[packs."{plugin}"] has no pack parameter {name!r} (known: {known})',
                    )
                )
    for plugin, shared in sorted(names.items()):
        table = packs_section.get(plugin)
        pack_values = table if isinstance(table, Mapping) else {}
        for name, rule_ids in sorted(shared.items()):
            declared = by_id[rule_ids[0]].parameter(name)
            if name in pack_values:
                try:
                    value = declared.with_override(pack_values[name], rule_id=f"packs.{plugin}")
                except RuleConfigurationError as error:
                    problems.append(error)
                    continue
                overridden = [r for r in rule_ids if sources[r].get(name) == "config"]
                _apply(rule_ids, name, value, "pack-config", parameters, sources)
                if overridden:
                    problems.append(_conflict(plugin, name, overridden, with_pack=True))
                continue
            changed = {r: parameters[r][name] for r in rule_ids if name in sources[r]}
            if not changed:
                continue
            distinct = {_fingerprint(p) for p in changed.values()}
            origins = sorted({sources[r][name] for r in changed})
            if len(distinct) > 1:
                problems.append(_conflict(plugin, name, sorted(changed), with_pack=False))
                continue
            value = next(iter(changed.values()))
            _apply(rule_ids, name, value, origins[0], parameters, sources)
            if "config" in origins:
                warn(
                    f"{name} is a pack parameter of {plugin}: it was set per rule "
                    f"({', '.join(sorted(changed))}) and applies to every rule of the pack; "
                    f'write it once as [packs."{plugin}"] {name} = ...'
                )
    return problems


def _apply(
    rule_ids: Iterable[str],
    name: str,
    value: Parameter,
    origin: str,
    parameters: dict[str, dict[str, Parameter]],
    sources: dict[str, dict[str, str]],
) -> None:
    for rule_id in rule_ids:
        parameters[rule_id][name] = value
        sources[rule_id][name] = origin


def _fingerprint(parameter: Parameter) -> str:
    return repr(sorted(parameter.to_dict().items()))


def _conflict(
    plugin: str, name: str, rule_ids: list[str], *, with_pack: bool
) -> RuleConfigurationError:
    where = ", ".join(rule_ids)
    if with_pack:
        return RuleConfigurationError(
            f'{name} 是 {plugin} 的共用参数，已在 [packs."{plugin}"] 中设置，不能再在 '
            f"[rules] 中为 {where} 单独设置",
            f'{name} is a pack parameter of {plugin}, set in [packs."{plugin}"]; do not set '
            f"it again for {where} in [rules]",
        )
    return RuleConfigurationError(
        f"{name} 是 {plugin} 的共用参数，{where} 的设置不一致；请只设置一次："
        f'[packs."{plugin}"] {name} = …',
        f"{name} is a pack parameter of {plugin} and the values set for {where} differ; set "
        f'it once: [packs."{plugin}"] {name} = ...',
    )
