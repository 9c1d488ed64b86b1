"""API answers that name people are kept in the security log, one event per request.

A view says what its answer gives in `personal_data(request, data)`: (what, count, noun,
plural, email), as `record_personal_read` takes them.
The event is written once the answer is ready (status 200 to a GET), from the data already
serialised: no query besides the insert, and nothing when the answer names nobody (an empty
page, an error, a refusal).
"""

from fabrique.accounts.security_log import record_personal_read


def page_rows(data) -> list:
    """The rows of a list answer, paginated (`results`) or not."""
    return data.get("results", []) if isinstance(data, dict) else list(data)


class PersonalDataLogged:
    def personal_data(self, request, data) -> tuple[str, int, str, str, str]:
        raise NotImplementedError

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method == "GET" and response.status_code == 200:
            what, count, noun, plural, email = self.personal_data(request, response.data)
            record_personal_read(
                request, what=what, count=count, noun=noun, plural=plural, email=email
            )
        return response
