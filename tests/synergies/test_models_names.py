"""A recomputation is named for a French reader in the administration (its breadcrumb and
title), not by a raw ISO timestamp."""

from datetime import UTC, datetime

from fabrique.synergies.models import RecomputeState


def test_a_recomputation_is_named_by_its_french_date_and_time():
    state = RecomputeState(finished_at=datetime(2026, 12, 6, 17, 23, 49, tzinfo=UTC))
    assert str(state) == "Calcul des synergies (terminé le 06/12/2026 à 18:23)"
    assert str(RecomputeState()) == "Calcul des synergies (jamais terminé)"
