"""The contract of an offer when its header has no `contrat`: read in a line of its text
(`Contrat : CDD de 6 mois`, `Poste ouvert pour un·e indépendant·e`) or in its title
(« Designer (freelance) »), never chosen when the words name two contracts.
"""

import re

from ..rules import contracts_named
from ..vocabulary import Contract

# A line of the text that states the contract: `Contrat : CDD de 6 mois`, `- Contrat: freelance`,
# `* **Statut** — Poste ouvert pour un CDD`.
_CONTRACT_LINE = re.compile(
    r"^\s*(?:[-*•]\s+)?(?:\*\*|__)?(?:type de )?(?:contrat|statut)(?:\*\*|__)?"
    r"\s*(?::|—|–)\s*(.+?)\s*$",
    re.I | re.M,
)
# Or the line of the terms that says to whom the post is open: `- Poste ouvert pour un·e
# indépendant·e (en portage).`, `Mission proposée pour un·e prestataire`, `Postes ouverts en CDI`,
# `Ouvert aux indépendants, 3/5e minimum`.
# The terms may follow a bold label: `* **Modalités** poste ouvert pour un·e indépendant·e`.
_OPEN_TO_LINE = re.compile(
    r"^\s*(?:[-*•]\s+)?(?:(?:\*\*|__)[^*_\n]{1,40}(?:\*\*|__)\s*:?\s*)?"
    r"((?:postes? ouverts?|ouverte?s? (?:aux?|à)|mission propos[ée]e)\b.+?)\s*$",
    re.I | re.M,
)
# The parts of a title: « Chargé·e de déploiement — CDD de 20 mois », « Designer (freelance) ».
_TITLE_PARTS = re.compile(r"\s+[-—–]\s+|[()\[\]|:,;/]")


def _two_contracts(named: list[str]) -> str:
    return " ou ".join(str(Contract(word).label) for word in named)


def unknown_contract(raw: str) -> str:
    named = contracts_named(raw)
    if len(named) > 1:
        return f"Contrat « {raw} » ambigu ({_two_contracts(named)}) : gardé tel quel, à préciser."
    return f"Contrat « {raw} » inconnu : gardé tel quel, à préciser."


def contract_in_text(body: str, notes: list[str]) -> tuple[str, str]:
    """(contract, words) from a line of the text that states it (`Contrat : CDD de 6 mois`,
    `Poste ouvert pour un·e indépendant·e`), for the many offers whose header has no `contrat`;
    ("", "") when no such line names a contract, or when the first one names two."""
    lines = [*_CONTRACT_LINE.finditer(body), *_OPEN_TO_LINE.finditer(body)]
    for match in lines:
        # The contract is said first (`freelance, temps partiel à 80 %`): the rest is left out.
        words = " ".join(re.sub(r"[*_]+", "", match[1]).split(",")[0].split())
        words = words.rstrip(".")[:200]
        named = contracts_named(words)
        if len(named) == 1:
            notes.append(f"Contrat lu dans le texte (« {words} ») : à vérifier.")
            return named[0], words
        if named:
            notes.append(
                f"Le texte dit « {words} » : contrat ambigu ({_two_contracts(named)}), à préciser."
            )
            break
    return "", ""


def contract_in_title(title: str, notes: list[str]) -> tuple[str, str]:
    """(contract, words) from a title that states it (« CDD de 20 mois », « Stage de 6 mois »,
    « Designer (freelance) »), for the offers whose header and text say none: the words are
    the part of the title that names it. ("", "") when the title names none, or two."""
    named = contracts_named(title)
    if len(named) != 1:
        if named:
            notes.append(f"Le titre dit « {title} » : contrat ambigu ({_two_contracts(named)}).")
        return "", ""
    parts = [part.strip() for part in _TITLE_PARTS.split(title)]
    words = next((part for part in parts if contracts_named(part)), title)[:200]
    notes.append(f"Contrat lu dans le titre (« {words} ») : à vérifier.")
    return named[0], words
