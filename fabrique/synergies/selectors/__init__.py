"""Reads of the synergies module, each in a constant number of queries.

One module per job: `groups` (the Synergies page: groups, members, pairs, filters), `similar`
(« Similaires ailleurs » of an item, « Déjà vu ailleurs » of a text being written), `decisions`
(the decisions taken on pairs), `sources` (where the items of the index come from: projects,
local initiatives, catalogue solutions and the kinds other apps register). Every read but those
of `sources` is importable from `fabrique.synergies.selectors`.
"""

from .decisions import (
    dismissed_decisions,
    dismissed_pair_keys,
    dismissed_pair_keys_among,
    dismissed_pairs_query,
    existing_keys,
    pair_statuses,
)
from .groups import (
    MEMBERS_SHOWN,
    PAIRS_SHOWN,
    default_kinds,
    filter_choices,
    group_pairs,
    kind_choices,
    synergy_group,
    synergy_groups,
)
from .similar import (
    SIMILAR_MIN_SCORE,
    SIMILAR_SHOWN,
    SOLUTION_MIN_SCORE,
    SOLUTIONS_SHOWN,
    Match,
    Similar,
    forget_text_index,
    similar_to,
    similar_to_text,
)

__all__ = [
    "MEMBERS_SHOWN", "PAIRS_SHOWN", "SIMILAR_MIN_SCORE", "SIMILAR_SHOWN", "SOLUTIONS_SHOWN",
    "SOLUTION_MIN_SCORE", "Match", "Similar", "default_kinds", "dismissed_decisions",
    "dismissed_pair_keys", "dismissed_pair_keys_among", "dismissed_pairs_query", "existing_keys",
    "filter_choices", "forget_text_index", "group_pairs", "kind_choices", "pair_statuses",
    "similar_to", "similar_to_text", "synergy_group", "synergy_groups",
]  # fmt: skip
