"""Post-processing of the OpenAPI schema: every status code the API can answer is documented.

Each operation gets the error answers it may return and that its view did not document:
400 (invalid parameters or body), 404 (unknown object or page, `page=0`), 401/403 for the
operations that need an account or a token, 429 (throttled). They share the `Erreur` schema,
`{"detail": "message en français"}`, except 400, whose body names the fields to correct
(`ErreurDeValidation`: `{"champ": ["message", …]}` or `{"detail": "message"}`).
"""

# Fields a project answer carries only for those who may see the project's details (the
# incubator team; for the detail, the project's own team too): anonymous people and others get
# the public fields alone, so these are documented as optional.
RESTRICTED_FIELDS = {
    "ProjectStaff": (
        "manager", "last_committee", "next_committee_due", "granted", "spent", "remaining",
        "team_size",
    ),
    "ProjectFull": (
        "manager", "last_committee", "next_committee_due", "granted", "spent", "remaining",
        "team_size", "committees",
    ),
}  # fmt: skip
RESTRICTED_NOTE = "Équipe de l'incubateur (et, pour le détail, l'équipe du projet) seulement."
ERROR = {"$ref": "#/components/schemas/Erreur"}
VALIDATION_ERROR = {"$ref": "#/components/schemas/ErreurDeValidation"}
ANSWERS = {
    "400": "Paramètres ou document invalides : `detail` dit quoi corriger, en français.",
    "401": "Authentification requise (session ou jeton).",
    "403": "Accès refusé à cette ressource ou à ce filtre pour ce compte ou ce jeton.",
    "404": "Objet ou page introuvable (un numéro de page hors limites, `page=0`…).",
    "429": "Trop de requêtes : réessayez après le délai indiqué par l'en-tête Retry-After.",
}


def document_errors(result, generator, request, public):
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Erreur"] = {
        "type": "object",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    }
    message = {"type": "string"}
    schemas["ErreurDeValidation"] = {
        "type": "object",
        "description": "Par champ (ou `detail`, ou `non_field_errors`), ce qu'il faut corriger.",
        "minProperties": 1,
        "additionalProperties": {
            "anyOf": [
                message,
                {"type": "array", "items": {"anyOf": [message, {"type": "object"}]}},
                {"type": "object"},
            ]
        },
    }
    for name, fields in RESTRICTED_FIELDS.items():
        component = schemas.get(name)
        if component is None:
            continue
        component["required"] = [f for f in component.get("required", []) if f not in fields]
        for field in fields:
            component["properties"][field].setdefault("description", RESTRICTED_NOTE)
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for code, description in ANSWERS.items():
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {
                            "application/json": {
                                "schema": VALIDATION_ERROR if code == "400" else ERROR
                            }
                        },
                    },
                )
    return result
