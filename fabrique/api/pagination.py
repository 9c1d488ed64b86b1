"""Pages of the API lists: the page number is one positive integer, or the list answers 404.

DRF reads the last `page` value and takes an empty one for the first page, so `?page=` and
`?page=x&page=2` were answered as if valid; the schema documents `page` as one integer.
"""

from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination

INVALID_PAGE = "Page non valide : donnez un seul numéro de page, entier positif (1, 2…)."


class StrictPageNumberPagination(PageNumberPagination):
    # A page past the last one (DRF's own message was « Page non valide. », with no hint).
    invalid_page_message = (
        "Page {page_number} introuvable : la liste n'a pas autant de pages (la première est la "
        "page 1 ; le champ « count » de la réponse donne le nombre d'éléments)."
    )

    def get_page_number(self, request, paginator):
        values = request.query_params.getlist(self.page_query_param)
        if not values:
            return 1
        if len(values) > 1 or not values[0].isdigit() or int(values[0]) < 1:
            raise NotFound(INVALID_PAGE)
        return values[0]

    def get_page_size(self, request):
        if self.page_size_query_param:
            values = request.query_params.getlist(self.page_size_query_param)
            if values and (len(values) > 1 or not values[0].isdigit() or int(values[0]) < 1):
                raise ValidationError(
                    {
                        self.page_size_query_param: "Donnez un seul nombre entier d'éléments "
                        f"par page, de 1 à {self.max_page_size}."
                    }
                )
        return super().get_page_size(request)
