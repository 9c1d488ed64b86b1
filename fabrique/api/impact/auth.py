"""Project tokens: `Authorization: Token fab_…` authenticates a project's scripts (401 for an
unknown token, 403 for a revoked one) and its security scheme in the OpenAPI schema (which
project a token may write to is `fabrique.impact.access.project_for_push_or_404`)."""

from django.contrib.auth.models import AnonymousUser
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed, PermissionDenied

from fabrique.impact import selectors, services


class ProjectTokenAuthentication(BaseAuthentication):
    """`Authorization: Token fab_…`: a project token. Other tokens are left to the other
    authentication classes (DRF's per-user tokens, used by the incubator team)."""

    keyword = "Token"

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise AuthenticationFailed(
                "En-tête Authorization invalide : « Authorization: Token <jeton du projet> »."
            )
        secret = header[1].decode(errors="replace")
        if not secret.startswith(services.TOKEN_PREFIX):
            return None
        token = selectors.token_by_secret(secret)
        if token is None:
            raise AuthenticationFailed("Jeton inconnu : vérifiez qu'il a été copié en entier.")
        if token.revoked_at:
            raise PermissionDenied(
                f"Ce jeton a été révoqué le {token.revoked_at:%d/%m/%Y} : créez-en un autre sur la "
                "page « Jetons d'API » du projet."
            )
        return AnonymousUser(), token

    def authenticate_header(self, request):
        return self.keyword


class ProjectTokenScheme(OpenApiAuthenticationExtension):
    target_class = "fabrique.api.impact.auth.ProjectTokenAuthentication"
    name = "jetonDeProjet"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "« Token <jeton du projet> » : jeton créé par l'équipe du projet "
            "(page « Jetons d'API » ou `manage.py project_token <projet>`).",
        }
