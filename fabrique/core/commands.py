"""Shared behaviour of the management commands."""

import functools

from django.core.management.base import CommandError
from django.db import InternalError, OperationalError

from .text import database_problem


def french_database_errors(handle):
    """A command's `handle` that reports an unwritable or unreachable database in French (one
    line, no English traceback); its transaction has left the database as it was."""

    @functools.wraps(handle)
    def wrapper(*args, **options):
        try:
            return handle(*args, **options)
        except (OperationalError, InternalError) as error:
            problem = database_problem(error)
            raise CommandError(f"Import impossible : {problem} Rien n'a été modifié.") from error

    return wrapper
