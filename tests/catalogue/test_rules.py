from fabrique.catalogue import rules

DEPARTEMENTS = {
    "loire": "42",
    "haute loire": "43",
    "loire atlantique": "44",
    "morbihan": "56",
    "charente": "16",
    "charente maritime": "17",
    "seine et marne": "77",
    "aisne": "02",
    "oise": "60",
    "nord": "59",
}
REGIONS = {"occitanie": "76", "pays de la loire": "52", "hauts de france": "32", "bretagne": "53"}


def perimeter(*funders):
    return rules.perimeter_codes(funders, DEPARTEMENTS, REGIONS)


def test_french_numbers():
    assert rules.number(1141) == "1 141"
    assert rules.number(3500) == "3 500"
    assert rules.number(172565) == "172 565"


def test_themes_from_title_or_repeated_in_description():
    assert rules.detect_themes("Équiper les communes en outils numériques") == ["numerique"]
    assert rules.detect_themes("Aide", "Une plateforme numérique pour déposer le dossier.") == []
    assert "numerique" in rules.detect_themes(
        "Aide", "Matériel numérique et logiciels, formation au numérique."
    )
    assert rules.detect_themes("Rénover l'éclairage public") == ["energie"]
    assert rules.detect_themes("Dotation d'équipement des territoires ruraux (DETR)") == [
        "generaliste"
    ]
    assert rules.detect_themes("Revitalisation des centres-bourgs") == ["amenagement"]


def test_population_conditions():
    # A scheme's bounds are inclusive, « moins de » and « plus de » are strict.
    assert rules.population_conditions("Pour les communes de moins de 3 500 habitants.") == (
        None,
        3499,
    )
    assert rules.population_conditions(
        "communes de 10 000 à 100 000 habitants au sein d'une unité urbaine"
    ) == (10_000, 100_000)
    assert rules.population_conditions("Les communes de plus de 2 000 habitants") == (2001, None)
    # Written as an example, it is no condition.
    assert rules.population_conditions(
        "marchés, notamment pour les communes de moins de 3 500 habitants"
    ) == (None, None)
    assert rules.population_conditions("Tous les habitants du territoire") == (None, None)


def test_perimeter_read_in_funders():
    assert perimeter("Conseil départemental du Morbihan") == (["56"], [])
    assert perimeter("Conseil départemental de la Haute-Loire") == (["43"], [])
    assert perimeter("Syndicat d'énergies de la Loire") == (["42"], [])
    assert perimeter("Agence technique départementale de la Charente - ATD16") == (["16"], [])
    assert perimeter("ID77") == (["77"], [])
    departements, regions = perimeter("Établissement public foncier local de l'Oise et Aisne")
    assert (sorted(departements), regions) == (["02", "60"], [])
    assert perimeter("Établissement public foncier d'Occitanie (EPF)") == ([], ["76"])
    assert perimeter("Conseil régional des Pays de la Loire") == ([], ["52"])
    assert perimeter("Banque des Territoires", "Agence nationale de l'habitat") == ([], [])
    # A one-word département name needs a preposition: "Nord" alone says nothing.
    assert perimeter("Nord Ingénierie") == ([], [])
