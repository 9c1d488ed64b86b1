"""What the API says when a request is wrong: always JSON, always French.

- `JSONParser`: the body read as JSON; a syntax error says where and what in French, and a
  document nested too deep for the parser (`[` × 100,000) is a 400, not a 500.
- `exception_handler`: DRF's, with French words where Django or DRF speak English (an object
  not found by `get_object_or_404` says "No Project matches the given query."); a throttled
  request (429) says in French how long to wait, also given by the `Retry-After` header.
"""

import json

from django.conf import settings
from django.http import Http404
from rest_framework import exceptions, parsers
from rest_framework.exceptions import ErrorDetail
from rest_framework.views import exception_handler as drf_exception_handler

from fabrique.api.throttling import throttled_message
from fabrique.core.text import json_problem

NOT_FOUND = "Ressource introuvable : vérifiez l'identifiant dans l'adresse."


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = stream.read().decode(encoding)
        except UnicodeDecodeError as error:
            raise exceptions.ParseError(
                f"Document JSON illisible : il doit être encodé en {encoding}."
            ) from error
        try:
            return json.loads(text)
        except RecursionError as error:
            raise exceptions.ParseError(
                "Document JSON illisible : trop de niveaux imbriqués."
            ) from error
        except json.JSONDecodeError as error:
            problem = json_problem(error.msg)
            raise exceptions.ParseError(
                f"Document JSON illisible à la ligne {error.lineno}, colonne {error.colno} : "
                f"{problem}."
            ) from error


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(NOT_FOUND)
    elif isinstance(exc, exceptions.Throttled):
        exc.detail = ErrorDetail(throttled_message(exc.wait), code=exc.default_code)
    return drf_exception_handler(exc, context)


def valid_or_400(filterset):
    """The django-filter FilterSet when the query string is valid, or a 400 whose body names
    each parameter to correct, in French (`{"departement": ["…"]}`)."""
    if not filterset.is_valid():
        raise exceptions.ValidationError(
            {name: list(errors) for name, errors in filterset.form.errors.items()}
        )
    return filterset


def filtered_or_400(filterset):
    """The queryset (or search) a valid FilterSet gives, or the 400 of `valid_or_400`."""
    return valid_or_400(filterset).qs
