from fabrique.territories.rules import digital_presence


def test_town_hall_on_a_generic_provider():
    presence = digital_presence("mairie.champoly@wanadoo.fr", "")
    assert presence.has_email and presence.email_is_generic
    assert not presence.email_on_own_domain
    assert not presence.has_website


def test_town_hall_on_its_own_domain_matching_its_website():
    presence = digital_presence("contact@lehavre.fr", "https://www.lehavre.fr/")
    assert presence.website_domain == "lehavre.fr"
    assert presence.email_on_own_domain
    assert presence.email_matches_website


def test_own_domain_different_from_the_website():
    presence = digital_presence("contact@mairie-avignon.com", "https://www.avignon.fr/")
    assert presence.email_on_own_domain
    assert not presence.email_matches_website


def test_nothing_declared():
    presence = digital_presence("", "")
    assert not presence.has_email and not presence.has_website and not presence.email_is_generic


def test_website_without_scheme_is_understood():
    assert digital_presence("", "www.mairie-juré.fr").website_domain == "mairie-juré.fr"
