import pytest
from django.urls import reverse

from fabrique.core.reversing import url_pattern


@pytest.mark.parametrize(
    "name,value",
    [
        ("diagnostics:need-edit", 7),
        ("diagnostics:candidate-delete", 123456),
        ("diagnostics:deliverable-final", 42),
        ("catalogue:solution", "adresses-du-village"),
        ("catalogue:solution", "a"),
    ],
)
def test_url_pattern_writes_what_reverse_would(name, value):
    assert url_pattern(name)(value) == reverse(name, args=[value])


def test_url_pattern_refuses_a_url_without_a_single_identifier():
    with pytest.raises(ValueError, match="ne prend pas un seul identifiant"):
        url_pattern("diagnostics:queue")
