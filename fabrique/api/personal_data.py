"""API answers that name people are kept in the security log, one event per request.

A view says what its answer gives in `personal_data(request, data)`: (what, count, noun,
plural, email), as `record_personal_read` takes them.
The event is written once the answer is ready (status 200 to a GET), from the data already
serialised: no query besides the insert, and nothing when the answer names nobody (an empty
page, an error, a refusal).
"""

from fabrique.accounts.services.security_log import record_personal_read


def page_rows(data) -> list:
    """The rows of a list answer, paginated (`results`) or not."""
    return data.get("results", []) if isinstance(data, dict) else list(data)


# Mixin of an API view whose answers name people (applications, a mission's interviews). Each
# view that uses it says what its answer gives by defining `personal_data`: the three that do
# so today are in api/recruitment.py and api/diagnostics.py. (A comment, not a docstring: the
# OpenAPI schema would take it as the description of the views without one.)
class PersonalDataLogged:
    def personal_data(self, request, data) -> tuple[str, int, str, str, str]:
        """(what, count, noun, plural, email) of the answer `data`, for the security log."""
        raise NotImplementedError(
            f"{type(self).__name__} doit dire ce que sa réponse nomme (personal_data)."
        )

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method == "GET" and response.status_code == 200:
            what, count, noun, plural, email = self.personal_data(request, response.data)
            record_personal_read(
                request, what=what, count=count, noun=noun, plural=plural, email=email
            )
        return response
