"""An inverted index of folded words, shared by the searches that must stay fast on thousands
of rows (catalogue solutions, job offers): each record's searchable text (`search_text`, folded
words separated by spaces) is stored as one row per distinct word in a small model with an
index on `(word, <owner>)`, and a word typed is looked up as a range of that column (`word >=
'carto' AND word < 'cartp'`), the same on SQLite and PostgreSQL, instead of scanning texts.
"""

from collections.abc import Iterable

from django.db.models import Model, Q

from fabrique.core.text import folded_words, search_words

WORD_MAX = 60
_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"  # folded words are made of these


def prefix_q(token: str) -> Q:
    """Words that start with `token`, as a range of the indexed column: `>= 'carto' AND <
    'cartp'`. The bound is computed in the folded alphabet (digits before letters), which every
    collation orders the same way, so it works on SQLite and PostgreSQL alike."""
    query = Q(word__gte=token)
    stem = token.rstrip("z")
    if stem:
        following = _ALPHABET[_ALPHABET.index(stem[-1]) + 1] if stem[-1] in _ALPHABET else None
        if following:
            query &= Q(word__lt=stem[:-1] + following)
    return query


def matching_q(word_model: type[Model], owner: str, tokens: Iterable[str | tuple[str, ...]]) -> Q:
    """Records (by `pk`) with, for every token, a word that starts with it. `owner` is the
    foreign key of `word_model` to the record (« solution », « offer »). A token may be a tuple
    of forms (`core.text.search_alternatives`): a word starting with any of them matches."""
    query = Q()
    for token in tokens:
        forms = (token,) if isinstance(token, str) else token
        starts = Q()
        for form in forms:
            starts |= prefix_q(form)
        words = word_model.objects.filter(starts).values(f"{owner}_id")
        query &= Q(pk__in=words)
    return query


def store_words(word_model: type[Model], owner: str, records: Iterable) -> None:
    """Rebuild the index of saved records from their `search_text` (in the caller's
    transaction)."""
    records = list(records)
    word_model.objects.filter(**{f"{owner}__in": [record.pk for record in records]}).delete()
    word_model.objects.bulk_create(
        (
            word_model(**{f"{owner}_id": record.pk, "word": word})
            for record in records
            for word in {word[:WORD_MAX] for word in record.search_text.split()}
        ),
        batch_size=2000,
    )


def refold_stored(model: type[Model], word_model: type[Model] | None = None, owner: str = ""):
    """Stored search texts read again by today's rule of words (`core.text.folded_words`, an
    idempotent fold: stored words need not their record's fields), and the words of the index
    that changed (`st` → `saint`): for a data migration, with its historical models."""
    changed = []
    for record in model.objects.only("pk", "search_text").iterator(chunk_size=1000):
        text = folded_words(record.search_text, max_chars=None)
        if text != record.search_text:
            record.search_text = text
            changed.append(record)
    model.objects.bulk_update(changed, ["search_text"], batch_size=500)
    if word_model is None:
        return
    for abbreviation in ("st", "ste", "sts", "stes"):
        (full,) = search_words(abbreviation)
        already = word_model.objects.filter(word=full).values(f"{owner}_id")
        word_model.objects.filter(word=abbreviation, **{f"{owner}__in": already}).delete()
        word_model.objects.filter(word=abbreviation).update(word=full)
