"""Writing the township: one JSON Lines file per record type, ``planted.json`` and
``esup.toml``."""

from __future__ import annotations

import json
from pathlib import Path

from enforcement_supervision.model import unstructure_record
from enforcement_supervision.sample._config import CONFIG_FILE, township_config
from enforcement_supervision.sample._generate import generate_township
from enforcement_supervision.sample._township import SampleTownship

__all__ = ["ANSWER_KEY", "write_township"]

ANSWER_KEY = "planted.json"
"""File name of the answer key written next to the records."""


def write_township(
    out_dir: Path,
    township: SampleTownship | None = None,
    *,
    seed: int = 2025,
    year: int = 2025,
) -> dict[str, int]:
    """Write ``township`` (or the one generated from ``seed`` and ``year``) into ``out_dir``.

    Each record type goes to ``<record-type>.jsonl``, one record per line as
    ``{"record_type": ..., **unstructure_record(record)}``, in id order; the planted
    violations and controls go to ``planted.json``; the township's local settings for the
    rule packs go to ``esup.toml`` (:func:`~enforcement_supervision.sample.township_config`).
    Output is byte-for-byte reproducible: UTF-8, ``\\n`` line ends, no timestamps. Returns
    the number of lines per file name (``planted.json`` counts its planted entries,
    ``esup.toml`` its configured rules).
    """
    if township is None:
        township = generate_township(seed=seed, year=year)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[str, int] = {}
    for record_type, records in township.records.items():
        lines = [
            json.dumps(
                {"record_type": record_type, **unstructure_record(record)},
                ensure_ascii=False,
                separators=(",", ":"),
            )
            for record in records
        ]
        path = out_dir / f"{record_type}.jsonl"
        path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
        written[path.name] = len(lines)
    key = json.dumps(township.answer_key(), ensure_ascii=False, indent=2) + "\n"
    (out_dir / ANSWER_KEY).write_bytes(key.encode("utf-8"))
    written[ANSWER_KEY] = len(township.planted)
    config = township_config(township)
    (out_dir / CONFIG_FILE).write_bytes(config.encode("utf-8"))
    written[CONFIG_FILE] = config.count("[rules.")
    return written
