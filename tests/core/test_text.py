import pytest

from fabrique.core.text import fold, search_key, search_tokens


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Saint-Étienne", "saint etienne"),
        ("L'Haÿ-les-Roses", "l hay les roses"),
        ("Œuilly", "oeuilly"),
        ("  ÎLE-D'YEU  ", "ile d yeu"),
        ("Provence-Alpes-Côte d\u2019Azur", "provence alpes cote d azur"),
        ("🙂🙂", ""),
    ],
)
def test_fold_removes_case_accents_and_punctuation(text, expected):
    assert fold(text) == expected


def test_abbreviations_are_read_as_full_words():
    assert search_tokens("St Malo") == ["saint", "malo"]
    assert search_tokens("ste-marie") == ["sainte", "marie"]
    # only whole words: "stains" stays itself
    assert search_tokens("Stains") == ["stains"]


def test_search_tokens_are_capped():
    assert len(search_tokens("a " * 500)) == 8


def test_search_key_starts_with_a_space_for_word_prefix_matching():
    assert search_key("Saint-Malo-de-Guersac") == " saint malo de guersac"
