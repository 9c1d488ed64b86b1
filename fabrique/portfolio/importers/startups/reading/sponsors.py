"""Reading the sponsors of a startup file (or the older `owner:`), in any of the ways they
were written."""

from fabrique.core.frontmatter import text_value

from ....models import Organisation
from ..parsing import SponsorData, as_list


def _sponsor(value, *, path_ids: bool = True) -> SponsorData | None:
    """A sponsor written as `/organisations/anct`, as a name, or as `{name, acronym, …}`."""
    if isinstance(value, dict):
        name, acronym = text_value(value.get("name")), text_value(value.get("acronym"))
        if not (name or acronym):
            return None
        return SponsorData(name=name or acronym, acronym=acronym if name else "")
    text = text_value(value)
    if path_ids and text.startswith(("/", "organisations/")):
        text = text.rstrip("/").rsplit("/", 1)[-1].strip()  # the last segment of the id
    return SponsorData(name=text) if text else None


def read_sponsors(data: dict, notes: list[str]) -> list[SponsorData]:
    """The file's sponsors; the older `owner:` (a name, never split) when there are none."""
    found = []
    for value in as_list(data.get("sponsors")):
        if (sponsor := _sponsor(value)) is not None:
            found.append(sponsor)
        elif isinstance(value, dict):
            notes.append("Un sponsor sans nom ni sigle a été ignoré.")
    if not found:
        found = [
            sponsor
            for value in as_list(data.get("owner"))
            if (sponsor := _sponsor(value, path_ids=False)) is not None
        ]
    name_limit = Organisation._meta.get_field("name").max_length
    acronym_limit = Organisation._meta.get_field("acronym").max_length
    seen, result = set(), []
    for sponsor in found:
        name = sponsor.name[:name_limit].strip()
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            result.append(SponsorData(name=name, acronym=sponsor.acronym[:acronym_limit].strip()))
    return result
