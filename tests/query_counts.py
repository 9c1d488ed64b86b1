"""List pages run a constant number of SQL queries whatever the row count (ARCHITECTURE.md):
`assert_constant_queries` proves it at two data sizes."""


def _consume(response):
    """A streamed response runs its queries while it is read."""
    if getattr(response, "streaming", False):
        response.content_bytes = b"".join(response.streaming_content)
    return response


def assert_constant_queries(django_assert_max_num_queries, fetch, grow, *, budget: int):
    """`fetch()` (a request) runs at most `budget` queries; after `grow()` adds rows, `fetch()`
    runs no more queries than before. A first unmeasured `fetch()` fills the per-process caches
    (content types…) so that they do not hide a growth. Returns the two measured responses."""
    _consume(fetch())
    with django_assert_max_num_queries(budget) as small:
        before = _consume(fetch())
    grow()
    with django_assert_max_num_queries(len(small.captured_queries)):
        after = _consume(fetch())
    return before, after
