from fabrique.synergies.rules.text import fold, phrases, stem, tokens


def stems(text: str) -> list[str]:
    return [s for s, _ in tokens(text)]


def test_fold_lowercases_and_strips_accents_and_ligatures():
    assert fold("Élaboration du cœur de l’Île") == "elaboration du coeur de l'ile"


def test_elisions_and_stop_words_are_dropped():
    assert stems("l'école d'Ain qu'il jusqu'à la mairie") == ["ecol", "ain", "mairi"]


def test_plural_feminine_and_verb_forms_share_a_stem():
    assert len({stem(w) for w in ("renovation", "renovations")}) == 1
    assert len({stem(w) for w in ("renover", "renove", "renovee", "renovees")}) == 1
    assert stem("travaux") == stem("travail")
    assert stem("communaux") == stem("communal")
    assert stem("publique") == stem("public")
    assert stem("culturelle") == stem("culturel")


def test_equipment_and_team_stay_apart():
    assert stem("equipement") != stem("equipe")


def test_boilerplate_and_long_numbers_are_not_content():
    assert stems("Projet de mise en place 2023 - dossier 12345678") == ["2023", stem("dossier")]


def test_phrases_quote_the_text():
    forms = phrases("Révision du plan local d'urbanisme (PLU) de la ZFE")
    assert forms["plan local"] == "plan local"
    assert forms["local urbanism"] == "local d'urbanisme"
    assert forms["zfe"] == "ZFE"


def test_empty_and_huge_texts():
    assert tokens("") == []
    assert tokens("   \n\t") == []
    assert len(tokens("rénovation " * 200_000)) < 200_000  # cut, not frozen
