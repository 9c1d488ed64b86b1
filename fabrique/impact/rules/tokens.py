"""Project API tokens: what is stored of a secret (its SHA-256, never the secret itself)."""

import hashlib

TOKEN_PREFIX = "fab_"  # noqa: S105 - not a secret: the visible start of every project token


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
