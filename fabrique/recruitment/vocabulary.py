"""Words of recruitment: contracts, offer statuses, pipeline stages, remote work."""

from django.db import models


class Contract(models.TextChoices):
    EMPLOYEE = "salarie", "Salarié·e"
    FREELANCE = "independant", "Indépendant·e"
    INTERNSHIP = "stage", "Stage"
    APPRENTICESHIP = "alternance", "Alternance"
    SECONDMENT = "mise-a-disposition", "Mise à disposition"


class OfferStatus(models.TextChoices):
    DRAFT = "brouillon", "Brouillon"
    PUBLISHED = "publiee", "Publiée"
    FILLED = "pourvue", "Pourvue"
    CLOSED = "fermee", "Fermée"


class Remote(models.TextChoices):
    NONE = "non", "Sur place"
    PARTIAL = "partiel", "Télétravail partiel"
    FULL = "total", "Télétravail complet"


class Stage(models.TextChoices):
    RECEIVED = "recue", "Reçue"
    SHORTLISTED = "preselection", "Présélection"
    INTERVIEW = "entretien", "Entretien"
    OFFER = "proposition", "Proposition"
    HIRED = "recrutee", "Recrutée"
    REJECTED = "refusee", "Refusée"


class SourceFormat(models.TextChoices):
    BETAGOUV = "betagouv", "beta.gouv.fr"
    ANCT = "anct", "Incubateur des Territoires"
    FABRIQUE = "fabrique", "Saisie dans Fabrique"


# The open stages, in pipeline order (a board column each).
PIPELINE = [Stage.RECEIVED, Stage.SHORTLISTED, Stage.INTERVIEW, Stage.OFFER, Stage.HIRED]
FINAL_STAGES = frozenset({Stage.HIRED, Stage.REJECTED})

# The many spellings of a contract seen in real offers, folded (lower case, no accent, no
# punctuation), to one word of `Contract`.
CONTRACT_WORDS = {
    "independant": Contract.FREELANCE,
    "independent": Contract.FREELANCE,
    "independante": Contract.FREELANCE,
    "freelance": Contract.FREELANCE,
    "free lance": Contract.FREELANCE,
    "independant freelance": Contract.FREELANCE,
    "prestataire": Contract.FREELANCE,
    "prestation": Contract.FREELANCE,
    "mission freelance": Contract.FREELANCE,
    "auto entrepreneur": Contract.FREELANCE,
    "salarie": Contract.EMPLOYEE,
    "salariee": Contract.EMPLOYEE,
    "salarie e": Contract.EMPLOYEE,
    "cdd": Contract.EMPLOYEE,
    "cdi": Contract.EMPLOYEE,
    "contractuel": Contract.EMPLOYEE,
    "contractuelle": Contract.EMPLOYEE,
    "contrat": Contract.EMPLOYEE,
    "fonctionnaire": Contract.SECONDMENT,
    "detachement": Contract.SECONDMENT,
    "mise a disposition": Contract.SECONDMENT,
    "stage": Contract.INTERNSHIP,
    "stagiaire": Contract.INTERNSHIP,
    "alternance": Contract.APPRENTICESHIP,
    "alternant": Contract.APPRENTICESHIP,
    "apprentissage": Contract.APPRENTICESHIP,
    "apprenti": Contract.APPRENTICESHIP,
    # Plurals, as in "Postes ouverts aux indépendants" or "Mission pour des prestataires".
    "independants": Contract.FREELANCE,
    "independantes": Contract.FREELANCE,
    "freelances": Contract.FREELANCE,
    "prestataires": Contract.FREELANCE,
    "salaries": Contract.EMPLOYEE,
    "contractuels": Contract.EMPLOYEE,
    "vacataire": Contract.EMPLOYEE,
    "stagiaires": Contract.INTERNSHIP,
    "alternants": Contract.APPRENTICESHIP,
}

# Words that name a contract only when they are the whole value (`contrat: contrat`): inside
# a phrase ("contrat d'indépendant", "contrat de 6 mois") they say nothing of its kind.
WEAK_CONTRACT_WORDS = frozenset({"contrat"})

# How offers say where the work is done (`teletravail:`), folded, to one word of `Remote`;
# `oui` and `non` (and YAML's true and false) are partial remote work and none.
REMOTE_WORDS = {
    "oui": Remote.PARTIAL,
    "partiel": Remote.PARTIAL,
    "teletravail partiel": Remote.PARTIAL,
    "hybride": Remote.PARTIAL,
    "possible": Remote.PARTIAL,
    "teletravail possible": Remote.PARTIAL,
    "non": Remote.NONE,
    "aucun": Remote.NONE,
    "sur place": Remote.NONE,
    "presentiel": Remote.NONE,
    "total": Remote.FULL,
    "complet": Remote.FULL,
    "teletravail complet": Remote.FULL,
    "teletravail total": Remote.FULL,
    "full remote": Remote.FULL,
    "100": Remote.FULL,
}

# Offers close themselves this many months after publication when no closing date is given.
DEFAULT_OPEN_MONTHS = 2
# Applications are deleted this many months after their offer closed.
RETENTION_MONTHS = 24
CV_MAX_BYTES = 5 * 1024 * 1024
# Anti-spam: at most this many applications per e-mail address and per network address.
MAX_APPLICATIONS_PER_EMAIL_PER_HOUR = 3
MAX_APPLICATIONS_PER_IP_PER_HOUR = 10


# The incubator itself, as its offers name it (`equipe:` of the Incubateur des Territoires'
# files and of the seeds).
INCUBATOR_TEAM = "Incubateur des Territoires"
# Other names of the same team, folded (`fold`): the incubator's offers typed in Fabrique said
# « Incubateur », and files of the beta.gouv.fr site write it as a slug
# (`incubateur.des.territoires`, `incubateur-des-territoires`), folded as its name is. Only names
# known to be the same team: any other name is kept as written.
TEAM_ALIASES = {"incubateur": INCUBATOR_TEAM, "incubateur des territoires": INCUBATOR_TEAM}
