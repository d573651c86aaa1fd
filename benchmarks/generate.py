"""Deterministic synthetic record sets for the benchmarks: many copies of the sample township.

``python benchmarks/generate.py --cases N --seed S --out DIR`` writes JSON Lines (one file
per record type), ``config.json`` (the deployment configuration, as the ``data`` of a
:class:`~enforcement_supervision.config.Config`) and ``manifest.json`` (counts and the
planted violations).

How: the sample township (:func:`enforcement_supervision.sample.generate_township`, about
300 penalty cases with their leads, inspections, coercive measures, licences, officers,
liaison points, supervisors, feedback and complaints, realistic dates across the holidays,
and a known answer key of planted violations) is generated once for ``seed`` and written
``ceil(N / cases per township)`` times. Copy ``k`` (``k >= 1``) renames every record id and
every party id by appending ``-Bk``, so each copy is an independent township (its own
agencies, officers and enterprises). The published catalogs (``matter-list``,
``discretion-benchmark``) are shared unless ``--own-catalogs`` is given; the configuration is
extended to every copy. The planted violations are ``copies × planted``; with shared catalogs
the INSP-ITEM-PUBLISHED one is detectable in copy 0 only (``planted_detectable``).
Building a copy is a JSON walk over plain dicts, so 1,000,000 cases take minutes, not hours,
and memory stays at one township.
"""

from __future__ import annotations

import argparse
import json
import math
import tempfile
import time
import tomllib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from enforcement_supervision.sample import generate_township, township_config, write_township

#: Record types every copy shares by default: the published catalogs (lists of matters,
#: discretion benchmarks), which the configuration names by id. With ``own_catalogs`` each
#: copy has its own and the configuration lists all of them; rules that look up every listed
#: catalog for every subject (INSP-ITEM-PUBLISHED, PEN-LEGAL-REVIEW) then cost time in
#: proportion to the number of copies, which is worth measuring but not the default.
SHARED = frozenset({"matter-list", "discretion-benchmark"})
#: Field names whose string values are party (enterprise, person) identities.
_PARTY_FIELDS = frozenset({"party_id"})


def _load_township(seed: int) -> tuple[dict[str, list[dict[str, Any]]], dict[str, Any], Any]:
    township = generate_township(seed=seed)
    with tempfile.TemporaryDirectory(prefix="esup-bench-gen-") as scratch:
        written = write_township(Path(scratch), township)
        by_type: dict[str, list[dict[str, Any]]] = {}
        for path in sorted(Path(scratch).glob("*.jsonl")):
            with path.open(encoding="utf-8") as handle:
                by_type[path.stem] = [json.loads(line) for line in handle if line.strip()]
    del written
    config = tomllib.loads(township_config(township))
    return by_type, config, township


def _renamable(by_type: dict[str, list[dict[str, Any]]], shared: frozenset[str]) -> set[str]:
    names: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key in _PARTY_FIELDS and isinstance(item, str):
                    names.add(item)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for record_type, items in by_type.items():
        if record_type in shared:
            continue
        for item in items:
            names.add(item["id"])
            walk(item)
    return names


def _renamed(value: Any, names: set[str], suffix: str) -> Any:
    if isinstance(value, str):
        return value + suffix if value in names else value
    if isinstance(value, dict):
        return {key: _renamed(item, names, suffix) for key, item in value.items()}
    if isinstance(value, list):
        return [_renamed(item, names, suffix) for item in value]
    return value


def copies_for(cases: int, per_township: int) -> int:
    return max(1, math.ceil(cases / per_township))


def iter_copy(
    by_type: dict[str, list[dict[str, Any]]],
    names: set[str],
    copy: int,
    shared: frozenset[str] = SHARED,
) -> Iterator[tuple[str, dict[str, Any]]]:
    """The records of copy ``copy`` (copy 0 is the township itself, shared types included)."""
    suffix = f"-B{copy}"
    for record_type, items in by_type.items():
        if record_type in shared:
            if copy == 0:
                yield from ((record_type, item) for item in items)
            continue
        for item in items:
            yield record_type, (item if copy == 0 else _renamed(item, names, suffix))


def config_for(config: dict[str, Any], names: set[str], copies: int) -> dict[str, Any]:
    """The township's configuration, extended to every copy: a list naming records (the
    published catalogs) gets every copy's renamed ids, a table keyed by a record id (the
    township's delegated-power lists) gets every copy's renamed key."""

    def extend(value: Any) -> Any:
        if isinstance(value, list):
            items = [extend(item) for item in value]
            named = [item for item in items if isinstance(item, str) and item in names]
            return items + [f"{item}-B{copy}" for copy in range(1, copies) for item in named]
        if isinstance(value, dict):
            out: dict[str, Any] = {}
            for key, item in value.items():
                out[key] = item if key in names else extend(item)
                if key in names:
                    for copy in range(1, copies):
                        out[f"{key}-B{copy}"] = _renamed(item, names, f"-B{copy}")
            return out
        return value

    extended: dict[str, Any] = extend(config)
    return extended


def generate(out: Path, *, cases: int, seed: int, own_catalogs: bool = False) -> dict[str, Any]:
    """Write about ``cases`` penalty cases (whole townships) under ``out``; the manifest."""
    began = time.perf_counter()
    by_type, config, township = _load_township(seed)
    per_township = len(by_type.get("penalty-case", ()))
    copies = copies_for(cases, per_township)
    shared = frozenset() if own_catalogs else SHARED
    names = _renamable(by_type, shared)
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("*.jsonl"):
        stale.unlink()
    handles = {
        record_type: (out / f"{record_type}.jsonl").open("w", encoding="utf-8")
        for record_type in by_type
    }
    counts: Counter[str] = Counter()
    try:
        for copy in range(copies):
            for record_type, item in iter_copy(by_type, names, copy, shared):
                handles[record_type].write(json.dumps(item, ensure_ascii=False) + "\n")
                counts[record_type] += 1
    finally:
        for handle in handles.values():
            handle.close()
    (out / "config.json").write_text(
        json.dumps(config_for(config, names, copies), ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    planted = Counter(item.rule_id for item in township.planted)
    manifest = {
        "seed": seed,
        "copies": copies,
        "cases_per_township": per_township,
        "penalty_cases": counts.get("penalty-case", 0),
        "records": sum(counts.values()),
        "by_type": dict(sorted(counts.items())),
        "as_of": str(township.as_of),
        "planted_per_township": len(township.planted),
        "own_catalogs": own_catalogs,
        "planted_total": len(township.planted) * copies,
        # With shared catalogs the item lists belong to copy 0's agencies, so the planted
        # INSP-ITEM-PUBLISHED violation of the other copies is reported as undecided instead.
        "planted_detectable": len(township.planted) * copies
        - (0 if own_catalogs else planted.get("INSP-ITEM-PUBLISHED", 0) * (copies - 1)),
        "planted_rate_per_case": len(township.planted) / per_township,
        "planted_by_rule_per_township": dict(sorted(planted.items())),
        "seconds": round(time.perf_counter() - began, 3),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20_000, help="penalty cases (about)")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument(
        "--own-catalogs", action="store_true", help="give every copy its own catalogs"
    )
    args = parser.parse_args()
    manifest = generate(args.out, cases=args.cases, seed=args.seed, own_catalogs=args.own_catalogs)
    print(
        f"{manifest['records']:,} records ({manifest['penalty_cases']:,} penalty cases, "
        f"{manifest['copies']} townships, {manifest['planted_total']:,} planted violations) "
        f"in {manifest['seconds']:.1f} s under {args.out}"
    )


if __name__ == "__main__":
    main()
