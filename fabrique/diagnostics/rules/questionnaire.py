"""Pure rules of the « état des lieux » questionnaire: checking a version's questions, which
questions are shown given earlier answers, checking answers, and what answers suggest (tools
for the inventory, needs). No database access."""

import re

from ..vocabulary import TOOL_KIND_BY_THEME, NeedTheme, QuestionKind

YES, NO = "oui", "non"
KEY = re.compile(r"^[a-z0-9_-]{1,40}$")
MAX_QUESTIONS = 60
MAX_ANSWER = 2_000

# Written for a commune as for an EPCI: « la collectivité », never « la mairie ».
DEFAULT_QUESTIONS = [
    {"key": "site", "label": "La collectivité a-t-elle un site internet ?", "kind": "oui-non",
     "theme": "site-internet", "need_if": NO, "need_title": "Site internet de la collectivité"},
    {"key": "site_outil", "label": "Avec quel outil ou quel prestataire est-il fait ?",
     "kind": "texte", "theme": "site-internet", "condition": {"key": "site", "value": YES},
     "tool": True},
    {"key": "messagerie", "label": "Quelle messagerie la collectivité utilise-t-elle ?",
     "kind": "choix", "theme": "messagerie",
     "choices": ["Sur le domaine de la collectivité", "Fournisseur grand public", "Aucune"],
     "need_if": "Fournisseur grand public",
     "need_title": "Messagerie sur le domaine de la collectivité"},
    {"key": "demarches", "label": "Les habitant·es peuvent-ils faire des démarches en ligne ?",
     "kind": "oui-non", "theme": "demarches-en-ligne", "need_if": NO,
     "need_title": "Démarches en ligne pour les habitant·es"},
    {"key": "logiciels", "label": "Quels logiciels métier utilisez-vous (un par ligne) ?",
     "kind": "texte", "theme": "autre", "tool": True},
    {"key": "sauvegarde", "label": "Les données de la collectivité sont-elles sauvegardées ?",
     "kind": "oui-non", "theme": "cybersecurite", "need_if": NO,
     "need_title": "Sauvegarde des données de la collectivité"},
    {"key": "attentes", "label": "Qu'attendez-vous en priorité de l'accompagnement ?",
     "kind": "texte"},
]  # fmt: skip


def question_problems(questions) -> list[str]:
    """What is wrong with a list of questions, in French (empty when it is fine)."""
    if not isinstance(questions, list) or not questions:
        return ["Le questionnaire doit être une liste d'au moins une question."]
    if len(questions) > MAX_QUESTIONS:
        return [f"Pas plus de {MAX_QUESTIONS} questions."]
    problems, seen = [], {}
    for number, question in enumerate(questions, start=1):
        where = f"Question {number}"
        if not isinstance(question, dict):
            problems.append(f"{where} : un objet avec « key », « label » et « kind » est attendu.")
            continue
        key = question.get("key")
        if not isinstance(key, str) or not KEY.match(key):
            problems.append(
                f"{where} : la clé doit faire 1 à 40 caractères parmi a-z, 0-9, « _ » et « - »."
            )
        elif key in seen:
            problems.append(f"{where} : la clé « {key} » est déjà utilisée.")
        label = question.get("label")
        if not isinstance(label, str) or not label.strip() or len(label) > 300:
            problems.append(f"{where} : l'intitulé doit faire 1 à 300 caractères.")
        kind = question.get("kind")
        if kind not in QuestionKind.values:
            problems.append(f"{where} : le type doit être « texte », « choix » ou « oui-non ».")
        choices = question.get("choices", [])
        if kind == QuestionKind.CHOICE and (
            not isinstance(choices, list)
            or len(choices) < 2
            or not all(isinstance(c, str) and c.strip() for c in choices)
        ):
            problems.append(f"{where} : une question à choix demande au moins deux choix.")
        theme = question.get("theme", "")
        if theme and theme not in NeedTheme.values:
            problems.append(f"{where} : thème « {theme} » inconnu.")
        condition = question.get("condition")
        if condition is not None:
            if not isinstance(condition, dict) or condition.get("key") not in seen:
                problems.append(
                    f"{where} : la condition doit porter sur une question placée avant."
                )
            elif condition.get("value") not in allowed_values(seen[condition["key"]]):
                problems.append(
                    f"{where} : la valeur de la condition n'est pas une réponse possible."
                )
        if isinstance(key, str):
            seen[key] = question
    return problems


def allowed_values(question: dict) -> list[str] | None:
    """The answers a question accepts (None: free text)."""
    if question.get("kind") == QuestionKind.YES_NO:
        return [YES, NO]
    if question.get("kind") == QuestionKind.CHOICE:
        return list(question.get("choices", []))
    return None


def shown(questions: list[dict], answers: dict) -> list[dict]:
    """The questions shown given the answers: a question with a condition only when the
    question it depends on (itself shown) got that value."""
    visible, kept = [], set()
    for question in questions:
        condition = question.get("condition")
        if condition and (
            condition["key"] not in kept or answers.get(condition["key"]) != condition["value"]
        ):
            continue
        visible.append(question)
        kept.add(question["key"])
    return visible


def clean_answers(questions: list[dict], raw: dict) -> tuple[dict, dict]:
    """(answers kept, errors by key): only the questions shown are kept, checked by kind."""
    answers, errors = {}, {}
    for question in questions:
        value = str(raw.get(question["key"], "") or "").strip()
        if value:
            answers[question["key"]] = value
    kept = {}
    for question in shown(questions, answers):
        key, value = question["key"], answers.get(question["key"], "")
        if not value:
            continue
        allowed = allowed_values(question)
        if allowed is not None and value not in allowed:
            errors[key] = "Choisissez une des réponses proposées."
        elif len(value) > MAX_ANSWER:
            errors[key] = f"Réponse trop longue : {MAX_ANSWER} caractères au plus."
        else:
            kept[key] = value
    return kept, errors


def not_kept(questions: list[dict], raw: dict) -> list[str]:
    """Why answers typed in questions that do not apply were not kept, in French: a question
    shown only after another answer (« si … : oui ») whose condition is not met. One sentence
    per question, for the message after saving (`clean_answers` keeps only the questions
    shown)."""
    answers = {
        question["key"]: str(raw.get(question["key"], "") or "").strip() for question in questions
    }
    answers = {key: value for key, value in answers.items() if value}
    visible = {question["key"] for question in shown(questions, answers)}
    labels = {question["key"]: question["label"] for question in questions}
    sentences = []
    for question in questions:
        if question["key"] in visible or question["key"] not in answers:
            continue
        condition = question.get("condition") or {}
        asked = labels.get(condition.get("key"), condition.get("key", "")).rstrip(" ?")
        given = answers.get(condition.get("key"), "sans réponse")
        sentences.append(
            f"Votre réponse à « {question['label'].rstrip(' ?')} » n'a pas été gardée : elle ne "
            f"vaut que si « {asked} » : {condition.get('value')} (réponse donnée : {given})."
        )
    return sentences


def suggested_needs(questions: list[dict], answers: dict) -> list[dict]:
    """Needs the answers suggest: {"title", "theme"} for each question answered `need_if`."""
    return [
        {"title": question.get("need_title") or question["label"],
         "theme": question.get("theme") or NeedTheme.OTHER}
        for question in shown(questions, answers)
        if question.get("need_if") and answers.get(question["key"]) == question["need_if"]
    ]  # fmt: skip


def suggested_tools(questions: list[dict], answers: dict) -> list[dict]:
    """Tools to pre-fill the inventory: one per line of a text answer to a `tool` question."""
    tools = []
    for question in shown(questions, answers):
        if not question.get("tool") or not answers.get(question["key"]):
            continue
        kind = TOOL_KIND_BY_THEME.get(question.get("theme", ""), "logiciel")
        for line in answers[question["key"]].splitlines():
            if name := line.strip()[:200]:
                tools.append({"name": name, "kind": str(kind)})
    return tools
