"""First-party rule pack: the supervision mechanism (监督机制,
docs/catalog/rules.md#supervision-mechanism).

The seed township set up a supervision office (行政执法监督工作室) that runs routine supervision
checks, two supervision liaison points and two social supervisors whose opinions are collected
regularly, and the principle that every error found is corrected (有错必纠). These rules check
that the mechanism runs: checks held on time, case files reviewed every year, supervision
opinions rectified, liaison points and supervisors in place and heard, their feedback and the
complaints about enforcement answered.

Why a pack of its own: the national pack encodes statutes; this one encodes a township's
mechanism and local practice, with many unverified intervals
(docs/catalog/interpretations.md#unverified). A county can configure or replace it without
touching the statutory pack.

One module per area, as the national pack: :mod:`.checks` (routine checks, case-file review,
rectification), :mod:`.liaison` (liaison points), :mod:`.supervisors` (social supervisors),
:mod:`.complaints` (complaints and feedback answered); the instruments are in :mod:`._law`
and the shared helpers in :mod:`._common`. Each rule declares the texts of its findings as
message templates beside it; bodies name the kind and give the facts.

**Dates.** None of these rules declares ``valid_from``: the mechanism rests on the seed report
and on local measures that predate the data. From 2026-02-01 the State Council's
《行政执法监督条例》 (国务院令第825号) makes the county justice bureau the statutory supervisor
(Art. 6, the township 司法所 assisting); each finding cites the regulation as well when the
day the breach happened is on or after that date, and before it only the local basis — which
is cited only where the deployment names the instrument in ``[law] local_instruments``.

Only the public API is used (``enforcement_supervision.rules``, ``.model``,
``.statutory_time``).
"""

from __future__ import annotations

from enforcement_supervision.rules import Rule, hookimpl
from esup_supervision_rules._law import REGULATION_IN_FORCE
from esup_supervision_rules.checks import casefile_review, daily_check, rectify
from esup_supervision_rules.complaints import complaint_reply, feedback_answer
from esup_supervision_rules.liaison import liaison_count, liaison_feedback
from esup_supervision_rules.supervisors import supervisor_count, supervisor_term

__version__ = "0.1.0"
#: The hook API this plugin was written for.
ESUP_HOOK_API = 1

__all__ = [
    "ESUP_HOOK_API",
    "REGULATION_IN_FORCE",
    "RULES",
    "casefile_review",
    "complaint_reply",
    "daily_check",
    "esup_rules",
    "feedback_answer",
    "liaison_count",
    "liaison_feedback",
    "rectify",
    "supervisor_count",
    "supervisor_term",
]

RULES: tuple[Rule, ...] = (
    daily_check,
    casefile_review,
    rectify,
    liaison_count,
    liaison_feedback,
    supervisor_term,
    supervisor_count,
    complaint_reply,
    feedback_answer,
)


@hookimpl
def esup_rules() -> tuple[Rule, ...]:
    """Contribute the supervision-mechanism rules."""
    return RULES
