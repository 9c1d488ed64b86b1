"""Imports of outside data into the portfolio (beta.gouv.fr startup files, …).

Each importer keeps its parsing pure (no database) and its writing transactional, so that
a management command, a test or an admin upload can call it the same way.
"""
