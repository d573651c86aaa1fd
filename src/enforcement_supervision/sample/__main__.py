"""``python -m enforcement_supervision.sample --out DIR [--seed N] [--year Y]``."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from enforcement_supervision.sample._config import CONFIG_FILE
from enforcement_supervision.sample._generate import check_year, generate_township
from enforcement_supervision.sample._township import CATEGORIES
from enforcement_supervision.sample._write import ANSWER_KEY, write_township


def main(argv: Sequence[str] | None = None) -> int:
    """Generate the sample township, write it and print what was written."""
    parser = argparse.ArgumentParser(
        prog="python -m enforcement_supervision.sample",
        description="Write the fictional sample township (JSON Lines), its planted.json and "
        "its esup.toml.",
    )
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    parser.add_argument("--seed", type=int, default=2025, help="random seed (default 2025)")
    parser.add_argument("--year", type=int, default=2025, help="sample year (default 2025)")
    args = parser.parse_args(argv)
    try:
        check_year(args.year)
    except ValueError as exc:
        parser.error(str(exc))
    township = generate_township(seed=args.seed, year=args.year)
    written = write_township(args.out, township)
    records = {name: n for name, n in written.items() if name not in (ANSWER_KEY, CONFIG_FILE)}
    print(
        f"{township.name_zh} ({township.name_en}), year {township.year}, seed {township.seed}: "
        f"{sum(records.values())} records in {len(records)} files under {args.out}"
    )
    for name, count in records.items():
        print(f"  {name:<28} {count:>5}")
    by_category = Counter(item.category for item in township.planted)
    spread = ", ".join(f"{c} {by_category[c]}" for c in CATEGORIES)
    print(
        f"  {ANSWER_KEY:<28} {len(township.planted):>5} planted violations ({spread}), "
        f"{len(township.controls)} clean controls; answer key as of {township.as_of}"
    )
    print(
        f"  {CONFIG_FILE:<28} {written[CONFIG_FILE]:>5} rules configured with the township's "
        f"local settings: esup --config {args.out / CONFIG_FILE} check --as-of {township.as_of}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
