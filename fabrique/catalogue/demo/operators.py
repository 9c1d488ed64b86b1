"""The public digital-service operators (OPSN) of the demo catalogue, all real: slug, name, name
with its article, status, website, départements served, solutions offered."""

from ..vocabulary import OperatorStatus

OPERATORS = (
    ("sitiv", "SITIV", "le SITIV", OperatorStatus.PARTNER, "https://www.sitiv.fr/",
     ("42", "69"), ("nextcloud", "glpi", "sauvegarde-externalisee", "conseil-facile")),
    ("megalis-bretagne", "Mégalis Bretagne", "Mégalis Bretagne", OperatorStatus.PARTNER,
     "https://www.megalis.bretagne.bzh/", ("22", "29", "35", "56"),
     ("salles-ouvertes", "parapheur-electronique", "wordpress")),
    ("gironde-numerique", "Gironde Numérique", "Gironde Numérique", OperatorStatus.PARTNER,
     "https://www.girondenumerique.fr/", ("33",), ("matomo", "gesticommune-finances")),
    ("smica", "SMICA", "le SMICA", OperatorStatus.PARTNER, "https://www.smica.fr/", ("12",),
     ("concessions-claires", "actes-en-ligne")),
)  # fmt: skip
