"""The access matrix, pinned (issue 17, part 2, item 3).

Every URL pattern of the project (walked recursively from the root resolver, namespaces
included) is requested with real objects (tests/access_world.py) as anonymous, as an inactive
account and as each role, and the answers are compared with tests/access_matrix.csv:

- « GET »: the status (a redirect is written with where it goes: « 302→accounts:login ») and,
  for the API, the sorted top-level fields of one item;
- « GET autre »: the same URL with the OTHER side's object (another project, mission,
  collectivité…) for a coach, an agent and a service owner who belong to the first side only;
- « POST vide »: an empty POST as anonymous, inactive and the lesser roles.

Whatever the table says, three rules hold: no 5xx anywhere; an IDOR attempt is refused (403,
404 or 405) unless the page is public by design (`PUBLIC_OBJECT_PAGES`); an empty POST by a
lesser role writes nothing.

`UPDATE_ACCESS_MATRIX=1 pytest tests/test_access_matrix.py` rewrites the table; review the
diff line by line before committing it.
"""

import csv
import json
import os
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from rest_framework.throttling import SimpleRateThrottle

from tests.access_world import IDOR_ROLES, POST_ROLES, ROLES, build_world

TABLE = Path(__file__).parent / "access_matrix.csv"
COLUMNS = ["url_name", "case", "path", "role", "status", "fields"]
GET, IDOR, POST, POST_IDOR = "GET", "GET autre", "POST vide", "POST vide autre"
# The marker makes pytest-django create the test database; the data is the module's (`matrix`).
pytestmark = pytest.mark.django_db

# --- What the walk skips, and why ------------------------------------------------------------
# 1. The Django administration (namespace "admin", under settings.ADMIN_URL): Django's own
#    views, staff only (`can_access_admin`), tested by Django itself.
# 2. Static and media files (settings.STATIC_URL, settings.MEDIA_URL): served by WhiteNoise and
#    the storage, not by URL patterns of the project.
SKIPPED_NAMESPACES = {"admin"}
SKIPPED_PREFIXES = tuple(
    prefix.lstrip("/")
    for prefix in (settings.STATIC_URL, getattr(settings, "MEDIA_URL", "") or "")
    if prefix and prefix != "/"
)

# --- Path arguments, per URL name ------------------------------------------------------------
# Each value is a path in the world: "x.y" reads side.x.y (side "a", or "b" for IDOR rows),
# "@x" reads world.extra["x"] (the same on both sides), anything else in quotes is literal.
K = {
    "accounts:password-reset-confirm": {"uidb64": "@uidb64", "token": "'mot-de-passe-x'"},
    "accounts:account-request-detail": {"pk": "account_request.pk"},
    "accounts:account-request-accept": {"pk": "account_request.pk"},
    "accounts:account-request-decline": {"pk": "account_request.pk"},
    "accounts:account-request-edit": {"pk": "account_request.pk"},
    "accounts:account-request-delete": {"pk": "account_request.pk"},
    "territories:commune": {"insee": "commune.insee"},
    "territories:epci": {"siren": "epci.siren"},
    "territories:departement": {"code": "commune.departement.code"},
    "portfolio:project": {"slug": "project.slug"},
    "portfolio:project-edit": {"slug": "project.slug"},
    "portfolio:project-delete": {"slug": "project.slug"},
    "portfolio:phase-add": {"slug": "project.slug"},
    "portfolio:partner-add": {"slug": "project.slug"},
    "portfolio:team-add": {"slug": "project.slug"},
    "portfolio:funding-add": {"slug": "project.slug"},
    "portfolio:expense-add": {"slug": "project.slug"},
    "portfolio:maturity-add": {"slug": "project.slug"},
    "portfolio:history": {"slug": "project.slug"},
    "portfolio:record-edit": {"slug": "project.slug", "kind": "'phases'", "pk": "phase.pk"},
    "portfolio:record-delete": {"slug": "project.slug", "kind": "'phases'", "pk": "phase.pk"},
    "portfolio:service-fait-add": {"pk": "freelance.pk"},
    "portfolio:export": {"fmt": "'csv'"},
    "portfolio:attest": {"pk": "service_fait.pk"},
    "portfolio:attest-withdraw": {"pk": "service_fait.pk"},
    "portfolio:committee": {"pk": "committee.pk"},
    "portfolio:committee-edit": {"pk": "committee.pk"},
    "portfolio:committee-delete": {"pk": "committee.pk"},
    "portfolio:decision-delete": {"pk": "decision.pk"},
    "portfolio:committee-document": {"pk": "document.pk"},
    "portfolio:committee-document-delete": {"pk": "document.pk"},
    "catalogue:solution": {"slug": "solution.slug"},
    "catalogue:solution-edit": {"slug": "solution.slug"},
    "catalogue:solution-delete": {"slug": "solution.slug"},
    "catalogue:solution-history": {"slug": "solution.slug"},
    "catalogue:use-add": {"slug": "solution.slug"},
    "catalogue:use-remove": {"pk": "use.pk"},
    "catalogue:commune": {"insee": "commune.insee"},
    "catalogue:scheme": {"slug": "scheme.slug"},
    "catalogue:scheme-edit": {"slug": "scheme.slug"},
    "catalogue:scheme-delete": {"slug": "scheme.slug"},
    "catalogue:scheme-history": {"slug": "scheme.slug"},
    "catalogue:operator": {"slug": "operator.slug"},
    "catalogue:operator-edit": {"slug": "operator.slug"},
    "catalogue:operator-delete": {"slug": "operator.slug"},
    "catalogue:operator-history": {"slug": "operator.slug"},
    "catalogue:suggestion": {"pk": "suggestion.pk"},
    "catalogue:suggestion-edit": {"pk": "suggestion.pk"},
    "catalogue:suggestion-delete": {"pk": "suggestion.pk"},
    "catalogue:export": {"name": "'solutions'", "fmt": "'csv'"},
    "impact:indicators": {"slug": "project.slug"},
    "impact:starter-set": {"slug": "project.slug"},
    "impact:indicator-create": {"slug": "project.slug"},
    "impact:indicator": {"slug": "project.slug", "pk": "indicator.pk"},
    "impact:indicator-edit": {"slug": "project.slug", "pk": "indicator.pk"},
    "impact:indicator-delete": {"slug": "project.slug", "pk": "indicator.pk"},
    "impact:measurement-edit": {
        "slug": "project.slug", "pk": "indicator.pk", "mpk": "measurement.pk"
    },
    "impact:measurement-delete": {
        "slug": "project.slug", "pk": "indicator.pk", "mpk": "measurement.pk"
    },
    "impact:north-star": {"slug": "project.slug", "pk": "indicator.pk"},
    "impact:import": {"slug": "project.slug"},
    "impact:import-preview": {"slug": "project.slug", "pk": "measurement_import.pk"},
    "impact:tokens": {"slug": "project.slug"},
    "impact:token-revoke": {"slug": "project.slug", "pk": "token.pk"},
    "impact:deployment": {"slug": "project.slug"},
    "impact:deployment-edit": {"slug": "project.slug", "pk": "deployment.pk"},
    "impact:deployment-remove": {"slug": "project.slug", "pk": "deployment.pk"},
    "impact:stats": {"slug": "project.slug"},
    "impact:stats-csv": {"slug": "project.slug"},
    "impact:stats-json": {"slug": "project.slug"},
    "synergies:group": {"pk": "group.pk"},
    "synergies:restore": {"pk": "dismissal.pk"},
    "diagnostics:open-data": {"fmt": "'csv'"},
    "diagnostics:followup-record": {"pk": "mission.pk", "milestone": "'3'"},
    "diagnostics:mission": {"pk": "mission.pk"},
    "diagnostics:accept": {"pk": "mission.pk"},
    "diagnostics:request-edit": {"pk": "mission.pk"},
    "diagnostics:request-withdraw": {"pk": "mission.pk"},
    "diagnostics:step": {"pk": "mission.pk"},
    "diagnostics:time-add": {"pk": "mission.pk"},
    "diagnostics:need-add": {"pk": "mission.pk"},
    "diagnostics:deliverable-generate": {"pk": "mission.pk"},
    "diagnostics:time-delete": {"pk": "time_entry.pk"},
    "diagnostics:time-edit": {"pk": "time_entry.pk"},
    "diagnostics:need-edit": {"pk": "need.pk"},
    "diagnostics:need-delete": {"pk": "need.pk"},
    "diagnostics:deliverable-final": {"pk": "deliverable.pk"},
    "diagnostics:threshold-edit": {"pk": "eligibility_rule.pk"},
    "diagnostics:threshold-delete": {"pk": "eligibility_rule.pk"},
    "diagnostics:deliverable-file": {"pk": "deliverable.pk", "fmt": "'pdf'"},
    "diagnostics:prediagnostic-refresh": {"pk": "mission.pk"},
    "diagnostics:questionnaire-answer": {"pk": "mission.pk"},
    "diagnostics:person-add": {"pk": "mission.pk"},
    "diagnostics:person-edit": {"pk": "person.pk"},
    "diagnostics:person-delete": {"pk": "person.pk"},
    "diagnostics:interview-add": {"pk": "mission.pk"},
    "diagnostics:interview-edit": {"pk": "interview.pk"},
    "diagnostics:interview-delete": {"pk": "interview.pk"},
    "diagnostics:tool-add": {"pk": "mission.pk"},
    "diagnostics:tool-edit": {"pk": "tool.pk"},
    "diagnostics:tool-delete": {"pk": "tool.pk"},
    "diagnostics:training-add": {"pk": "mission.pk"},
    "diagnostics:training-edit": {"pk": "training.pk"},
    "diagnostics:training-delete": {"pk": "training.pk"},
    "diagnostics:candidate-add": {"pk": "need.pk"},
    "diagnostics:candidate-edit": {"pk": "candidate.pk"},
    "diagnostics:candidate-delete": {"pk": "candidate.pk"},
    "diagnostics:leads": {"pk": "candidate.pk"},
    "diagnostics:lead-delete": {"pk": "lead.pk"},
    "diagnostics:comment-add": {"pk": "mission.pk"},
    "diagnostics:comment-edit": {"pk": "comment.pk"},
    "diagnostics:comment-delete": {"pk": "comment.pk"},
    "investigations:call": {"pk": "@call.pk"},
    "investigations:call_edit": {"pk": "@call.pk"},
    "investigations:call_delete": {"pk": "@call.pk"},
    "investigations:problem": {"pk": "problem.pk"},
    "investigations:problem_edit": {"pk": "problem.pk"},
    "investigations:problem_delete": {"pk": "problem.pk"},
    "investigations:problem_review": {"pk": "problem.pk"},
    "investigations:review_delete": {"pk": "problem.pk"},
    "investigations:problem_select": {"pk": "problem.pk"},
    "investigations:problem_select_cancel": {"pk": "problem.pk"},
    "investigations:problem_merge": {"pk": "problem.pk"},
    "investigations:problem_merge_undo": {"pk": "problem.pk"},
    "investigations:investigation_start": {"problem_pk": "problem.pk"},
    "investigations:attachment": {"pk": "attachment.pk"},
    "investigations:attachment_add": {"pk": "problem.pk"},
    "investigations:attachment_delete": {"pk": "attachment.pk"},
    "investigations:investigation": {"pk": "investigation.pk"},
    "investigations:investigation_edit": {"pk": "investigation.pk"},
    "investigations:investigation_delete": {"pk": "investigation.pk"},
    "investigations:phase_edit": {"pk": "investigation.pk", "step": "'1'"},
    "investigations:phase_close": {"pk": "investigation.pk", "step": "'1'"},
    "investigations:phase_reopen": {"pk": "investigation.pk", "step": "'1'"},
    "investigations:day_add": {"pk": "investigation.pk"},
    "investigations:day_delete": {"pk": "investigation.pk", "entry_pk": "day.pk"},
    "investigations:day_edit": {"pk": "investigation.pk", "entry_pk": "day.pk"},
    "investigations:decision": {"pk": "investigation.pk"},
    "investigations:decision_edit": {"pk": "investigation.pk"},
    "investigations:decision_cancel": {"pk": "investigation.pk"},
    "investigations:pdf": {"pk": "investigation.pk"},
    "investigations:startup_file": {"pk": "investigation.pk"},
    "investigations:public": {"pk": "investigation.pk"},
    "investigations:open_data": {"fmt": "'csv'"},
    "support:reach-export": {"fmt": "'csv'"},
    "support:format": {"pk": "@public_format.pk"},
    "support:format-edit": {"pk": "@public_format.pk"},
    "support:format-delete": {"pk": "@public_format.pk"},
    "support:format-history": {"pk": "@public_format.pk"},
    "support:supplier-edit": {"pk": "@supplier.pk"},
    "support:supplier-delete": {"pk": "@supplier.pk"},
    "support:session": {"pk": "session.pk"},
    "support:session-ics": {"pk": "session.pk"},
    "support:register": {"pk": "session.pk"},
    "support:register-other": {"pk": "session.pk"},
    "support:attendance": {"pk": "session.pk"},
    "support:session-edit": {"pk": "session.pk"},
    "support:session-delete": {"pk": "session.pk"},
    "support:session-history": {"pk": "session.pk"},
    "support:registration-cancel": {"pk": "registration.pk"},
    "support:feedback": {"pk": "registration.pk"},
    "support:feed": {"token": "@feed_token"},
    "support:modules-export": {"fmt": "'csv'"},
    "support:module": {"pk": "module.pk"},
    "support:module-step": {"pk": "module.pk", "step": "'devis'"},
    "support:module-mark": {"pk": "module.pk", "target": "'livre'"},
    "support:deliverable-add": {"pk": "module.pk"},
    "support:module-history": {"pk": "module.pk"},
    "support:deliverable": {"pk": "module_deliverable.pk"},
    "support:request-triage": {"pk": "support_request.pk"},
    "support:follow-up": {"pk": "follow_up.pk"},
    "support:note-add": {"pk": "follow_up.pk"},
    "support:project": {"slug": "project.slug"},
    "support:attachment": {"pk": "@knowledge_attachment.pk"},
    "support:attachment-delete": {"pk": "@knowledge_attachment.pk"},
    "support:page": {"slug": "@internal_page.slug"},
    "support:page-edit": {"slug": "@internal_page.slug"},
    "support:page-delete": {"slug": "@internal_page.slug"},
    "support:page-history": {"slug": "@internal_page.slug"},
    "support:follow-up-edit": {"pk": "follow_up.pk"},
    "support:follow-up-delete": {"pk": "follow_up.pk"},
    "support:follow-up-history": {"pk": "follow_up.pk"},
    "support:note-edit": {"pk": "note.pk"},
    "support:note-delete": {"pk": "note.pk"},
    "support:module-edit": {"pk": "module.pk"},
    "support:module-delete": {"pk": "module.pk"},
    "support:deliverable-delete": {"pk": "module_deliverable.pk"},
    "support:request-edit": {"pk": "support_request.pk"},
    "support:request-delete": {"pk": "support_request.pk"},
    "recruitment:statistics-export": {"fmt": "'csv'"},
    "recruitment:application": {"pk": "application.pk"},
    "recruitment:application-cv": {"pk": "application.pk"},
    "recruitment:application-delete": {"pk": "application.pk"},
    "recruitment:review-delete": {"pk": "review.pk"},
    "recruitment:forget": {"token": "application.deletion_token"},
    "recruitment:offer": {"slug": "offer.slug"},
    "recruitment:offer-markdown": {"slug": "offer.slug"},
    "recruitment:offer-edit": {"slug": "offer.slug"},
    "recruitment:offer-delete": {"slug": "offer.slug"},
    "recruitment:pipeline": {"slug": "offer.slug"},
    "api:project-detail": {"slug": "project.slug"},
    "api:project-indicators": {"slug": "project.slug"},
    "api:project-measurements": {"slug": "project.slug"},
    "api:solution-detail": {"slug": "solution.slug"},
    "api:export": {"dataset": "'solutions'", "extension": "'csv'"},
    "api:diagnostic-detail": {"pk": "mission.pk"},
    "api:investigations-call": {"pk": "@call.pk"},
    "api:investigations-problem": {"pk": "problem.pk"},
    "api:investigations-investigation": {"pk": "investigation.pk"},
    "api:job-detail": {"slug": "offer.slug"},
    "api:job-front-matter": {"slug": "offer.slug"},
    "api:job-applications": {"slug": "offer.slug"},
    "api:application-detail": {"pk": "application.pk"},
}  # fmt: skip

# Pages whose object is public by design: reading the other side's object is expected.
PUBLIC_OBJECT_PAGES = {
    "territories:commune": "référentiel des territoires, données ouvertes",
    "territories:epci": "référentiel des territoires, données ouvertes",
    "territories:departement": "référentiel des territoires, données ouvertes",
    "catalogue:commune": "catalogue ouvert : solutions utilisées par une commune",
    "catalogue:solution": "catalogue ouvert",
    "catalogue:scheme": "catalogue ouvert",
    "catalogue:operator": "catalogue ouvert",
    "api:solution-detail": "catalogue ouvert",
    "portfolio:project": "partie publique de la fiche projet",
    "api:project-detail": "partie publique de la fiche projet",
    "impact:stats": "statistiques publiques (indicateurs publiés seulement)",
    "impact:stats-csv": "statistiques publiques (indicateurs publiés seulement)",
    "impact:stats-json": "statistiques publiques (indicateurs publiés seulement)",
    "api:project-indicators": "indicateurs publiés seulement",
    "recruitment:forget": "lien secret de la personne qui a candidaté (le jeton est la clé)",
}

# Tables an empty POST may write to without changing anything of the business: sessions,
# login attempts (django-axes), the security log, cached counters.
HOUSEKEEPING_TABLES = ("django_session", "axes_", "accounts_securityevent", "django_cache")


def walk_patterns():
    """(url name, route, kwarg names) of every URL pattern, minus the documented skips."""
    found = []

    def visit(resolver, prefix, namespace):
        for item in resolver.url_patterns:
            if isinstance(item, URLResolver):
                inner = namespace
                if item.namespace:
                    inner = f"{namespace}:{item.namespace}" if namespace else item.namespace
                if inner in SKIPPED_NAMESPACES:
                    continue
                visit(item, prefix + str(item.pattern), inner)
            elif isinstance(item, URLPattern):
                route = prefix + str(item.pattern)
                if SKIPPED_PREFIXES and route.startswith(SKIPPED_PREFIXES):
                    continue
                name = f"{namespace}:{item.name}" if namespace and item.name else item.name
                found.append((name, route, tuple(item.pattern.regex.groupindex)))

    visit(get_resolver(), "", "")
    return found


def _value(world, side, spec: str):
    if spec.startswith("'"):
        return spec.strip("'")
    if spec.startswith("@"):
        head, *rest = spec[1:].split(".")
        value = world.extra[head]
    else:
        head, *rest = spec.split(".")
        value = getattr(side, head)
    for attribute in rest:
        value = getattr(value, attribute)
    return value


def path_for(world, name, side):
    spec = K.get(name, {})
    return reverse(name, kwargs={key: _value(world, side, v) for key, v in spec.items()})


def _has_object(name) -> bool:
    """Whether the URL names an object of one side (an IDOR row is then meaningful)."""
    return any(spec[0] not in "'@" for spec in K.get(name, {}).values())


def _where(location: str) -> str:
    target = location.split("#")[0].split("?")[0]
    try:
        return resolve(target).view_name
    except Exception:
        return target


def status_of(response) -> str:
    if response.status_code in (301, 302, 303, 307, 308):
        return f"{response.status_code}→{_where(response['Location'])}"
    return str(response.status_code)


def fields_of(path: str, response) -> str:
    """For the API: the sorted top-level fields of one item (the object itself for a detail)."""
    if not path.startswith("/api/") or response.status_code != 200:
        return ""
    if "json" not in response.get("Content-Type", ""):
        return ""
    data = json.loads(response.content)
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        data = data["results"]
    if isinstance(data, list):
        data = data[0] if data else {}
    return " ".join(sorted(data)) if isinstance(data, dict) else ""


def _content(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def secrets_in(response) -> set[str]:
    """The sides whose private marker (`secret-a`, `secret-b`, see tests/access_world.py) the
    answer shows."""
    content = _content(response)
    return {side for side in "ab" if f"secret-{side}".encode() in content}


def _get_watching_loaders(client, path, called: set):
    """GET `path`, adding to `called` the load-and-check functions of the access modules
    (`*_or_404`, `visible_*`, in a `fabrique/<app>/access.py`) that answering it called."""

    def profile(frame, event, arg):
        code = frame.f_code
        loader = code.co_name.endswith("_or_404") or code.co_name.startswith("visible_")
        if event == "call" and loader and code.co_filename.endswith("access.py"):
            called.add(f"{frame.f_globals['__name__']}.{code.co_name}")

    sys.setprofile(profile)
    try:
        response = client.get(path)
        if response.status_code == 405:  # a POST-only view: what its POST calls
            with transaction.atomic():
                client.post(path, {})
                transaction.set_rollback(True)
    finally:
        sys.setprofile(None)
    return response


def _writes(queries) -> list[str]:
    written = []
    for query in queries:
        sql = query["sql"].lstrip()
        verb = sql.split(" ", 1)[0].upper()
        if verb not in ("INSERT", "UPDATE", "DELETE"):
            continue
        if any(table in sql for table in HOUSEKEEPING_TABLES):
            continue
        written.append(sql[:120])
    return written


def _post(client, name, case, path, role, writes):
    """An empty POST, undone whatever it did; what it wrote is kept in `writes`."""
    session = client.cookies.get(settings.SESSION_COOKIE_NAME)
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        response = client.post(path, {})
        transaction.set_rollback(True)
    if session is not None:  # a POST to the logout page ends the session: back in
        client.cookies[settings.SESSION_COOKIE_NAME] = session.value
    written = _writes(queries.captured_queries)
    if written:
        writes[(name, case, role)] = written
    return (name, case, path, role, status_of(response), "")


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker):
    """The world built once, every request made once; rows and write checks for the tests."""
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock():
        # The throttles would refuse the 200-odd anonymous API requests of the walk.
        patch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": None, "user": None})
        patch.setattr(SimpleRateThrottle, "get_rate", lambda self: None)
        with transaction.atomic():
            world = build_world()
            clients = {}
            for role in ROLES:
                client = Client(raise_request_exception=False)
                if world.users[role] is not None:
                    client.force_login(world.users[role])
                clients[role] = client
            rows, writes, seen, loaders = [], {}, {}, {}
            patterns = walk_patterns()
            for name, _route, kwargs in patterns:
                if kwargs and name not in K:
                    continue  # test_every_pattern_has_arguments says which entry to add
                path = path_for(world, name, world.a)
                for role in ROLES:
                    if role == "admin" and _has_object(name):
                        loaders[name] = set()
                        response = _get_watching_loaders(clients[role], path, loaders[name])
                    else:
                        response = clients[role].get(path)
                    rows.append((name, GET, path, role, status_of(response),
                                 fields_of(path, response)))  # fmt: skip
                    seen[(name, GET, role)] = secrets_in(response)
                if _has_object(name):
                    other = path_for(world, name, world.b)
                    for role in IDOR_ROLES:
                        response = clients[role].get(other)
                        rows.append((name, IDOR, other, role, status_of(response),
                                     fields_of(other, response)))  # fmt: skip
                        seen[(name, IDOR, role)] = secrets_in(response)
                for role in POST_ROLES:
                    rows.append(_post(clients[role], name, POST, path, role, writes))
                if _has_object(name):
                    for role in IDOR_ROLES:
                        rows.append(_post(clients[role], name, POST_IDOR, other, role, writes))
            yield {
                "rows": rows, "writes": writes, "seen": seen, "loaders": loaders,
                "patterns": patterns,
            }  # fmt: skip
            transaction.set_rollback(True)


def _key(row):
    return (row[0], row[1], row[3])


def _read_table():
    with TABLE.open(encoding="utf-8", newline="") as handle:
        return {_key(tuple(row.values())): row for row in csv.DictReader(handle)}


def test_every_pattern_has_arguments(matrix):
    """A new URL pattern with path arguments needs an entry in `K` to be walked."""
    missing = [
        f'"{name}": {{{", ".join(f"{k!r}: ..." for k in kwargs)}}},  # {route}'
        for name, route, kwargs in matrix["patterns"]
        if kwargs and name not in K
    ]
    assert not missing, "Ajoutez à K dans tests/test_access_matrix.py :\n" + "\n".join(missing)
    unnamed = [route for name, route, _ in matrix["patterns"] if not name]
    assert not unnamed, f"Motifs d'URL sans nom (la matrice les repère par nom) : {unnamed}"


def test_matrix_matches_the_table(matrix):
    rows = matrix["rows"]
    if os.environ.get("UPDATE_ACCESS_MATRIX") == "1":
        with TABLE.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(COLUMNS)
            writer.writerows(rows)
    table = _read_table()
    problems = []
    for row in rows:
        expected = table.pop(_key(row), None)
        line = ",".join(row)
        if expected is None:
            problems.append(f"ligne manquante dans {TABLE.name}, à ajouter : {line}")
        elif (expected["status"], expected["fields"]) != (row[4], row[5]):
            problems.append(
                f"{row[0]} {row[1]} en {row[3]} : attendu {expected['status']} "
                f"[{expected['fields']}], obtenu {row[4]} [{row[5]}]"
            )
    problems += [f"ligne sans URL, à retirer : {','.join(r.values())}" for r in table.values()]
    assert not problems, (
        "La matrice d'accès a changé (relancez avec UPDATE_ACCESS_MATRIX=1 si c'est voulu, "
        "puis relisez le diff) :\n" + "\n".join(problems)
    )


def test_no_server_error_anywhere(matrix):
    errors = [row for row in matrix["rows"] if row[4].startswith("5")]
    assert not errors, "\n".join(",".join(row) for row in errors)


def test_other_sides_objects_are_refused(matrix):
    """IDOR: a member of side "a" asks for side "b"'s object by id or slug."""
    leaks = [
        row
        for row in matrix["rows"]
        if row[1] == IDOR and row[0] not in PUBLIC_OBJECT_PAGES
        and row[4] not in ("403", "404", "405")
    ]  # fmt: skip
    assert not leaks, "\n".join(",".join(row) for row in leaks)


def test_public_object_pages_are_public_indeed(matrix):
    """The IDOR exceptions are pages anonymous people read too: nothing more is given away."""
    anonymous = {row[0]: row[4] for row in matrix["rows"] if row[1] == GET and row[3] == "anonyme"}
    public = {name: anonymous[name] for name in PUBLIC_OBJECT_PAGES}
    assert public == dict.fromkeys(PUBLIC_OBJECT_PAGES, "200")


def test_objects_are_reached_through_their_access_module(matrix):
    """Issue 11, item 2: a view that reaches an object by id or slug loads it through a
    load-and-check function of an access module (`x_for_user_or_404`, `visible_x`), unless it
    is public by design (`PUBLIC_BY_DESIGN`)."""
    exceptions = set(PUBLIC_BY_DESIGN)
    unchecked = sorted(
        name for name, called in matrix["loaders"].items()
        if not called and name not in exceptions
    )  # fmt: skip
    assert not unchecked, (
        "Ces vues atteignent un objet sans passer par un module access.py (ou ajoutez-les à "
        f"PUBLIC_BY_DESIGN avec la raison) : {unchecked}"
    )
    stale = sorted(name for name in exceptions if matrix["loaders"].get(name))
    assert not stale, f"Retirez des exceptions (elles passent par access.py) : {stale}"


def test_no_private_data_for_anonymous_people(matrix):
    """No page nor API answer shows a private field to anonymous people or inactive accounts."""
    shown = {
        key: sides
        for key, sides in matrix["seen"].items()
        if key[2] in ("anonyme", "inactif") and sides
    }
    assert not shown, shown


def test_members_of_one_side_never_see_the_other_sides_private_data(matrix):
    """Coach, agent and service owner of side "a": no list, page, export or API answer of the
    whole walk shows side "b"'s private data (team names, budget lines, private indicators,
    mission, problem, request, follow-up, module, draft offer, applications…)."""
    shown = sorted(
        key for key, sides in matrix["seen"].items() if key[2] in IDOR_ROLES and "b" in sides
    )
    assert not shown, shown


def test_public_object_pages_give_the_public_fields_only(matrix):
    """On an API object public by design, a member of the other side gets the fields
    anonymous people get, not the team's."""
    anonymous = {row[0]: row[5] for row in matrix["rows"] if row[1] == GET and row[3] == "anonyme"}
    wider = [row for row in matrix["rows"] if row[1] == IDOR and row[5] != anonymous[row[0]]]
    assert not wider, "\n".join(",".join(row) for row in wider)


def test_empty_posts_write_nothing_they_may_not(matrix):
    """An empty POST writes nothing when it comes from anonymous or an inactive account, aims
    at the other side's object, or at a page the role may not even read. (Members confirming a
    deletion of their own record with an empty POST is the normal way of deleting.)"""
    refused = {
        (row[0], row[3])
        for row in matrix["rows"]
        if row[1] == GET and row[4] in ("302→accounts:login", "403", "404")
    }
    wrong = {
        (name, case, role): sql
        for (name, case, role), sql in matrix["writes"].items()
        if name not in WRITES_BY_DESIGN
        and (role in ("anonyme", "inactif") or case == POST_IDOR or (name, role) in refused)
    }  # fmt: skip
    assert not wrong, "\n".join(f"{n} {c} en {r} : {sql}" for (n, c, r), sql in wrong.items())


def test_anonymous_posts_open_nothing_more_than_gets(matrix):
    """Anonymous and inactive POSTs go to the login page or are refused, unless the page is
    public (the same answer as a GET), a public form or a secret link."""
    refusals = {"302→accounts:login", "401", "403", "404", "405"}
    gets = {(row[0], row[3]): row[4] for row in matrix["rows"] if row[1] == GET}
    opened = [
        row
        for row in matrix["rows"]
        if row[1] == POST and row[3] in ("anonyme", "inactif") and row[4] not in refusals
        and gets[(row[0], row[3])] not in refusals
        and row[0] not in PUBLIC_FORMS and row[0] not in WRITES_BY_DESIGN
        and row[4] != gets[(row[0], row[3])]
    ]  # fmt: skip
    assert not opened, "\n".join(",".join(row) for row in opened)


# Views that reach an object without an access module's load-and-check function, by design.
PUBLIC_BY_DESIGN = {
    "investigations:public": "page publique d'une investigation publiée (public_investigations)",
    "api:solution-detail": "catalogue ouvert (données publiques)",
    "catalogue:commune": "catalogue ouvert : solutions utilisées par une commune",
}

# Forms open to anonymous people by design (an empty POST redisplays them with errors).
PUBLIC_FORMS = {
    "accounts:login": "connexion",
    "accounts:logout": "déconnexion (sans effet hors session)",
    "accounts:password-reset": "mot de passe oublié",
    "accounts:password-reset-confirm": "lien de réinitialisation",
    "accounts:account-request": "demander un compte",
}
# Writes an empty POST makes by design, whoever sends it.
WRITES_BY_DESIGN = {
    "recruitment:forget": "la personne qui a candidaté efface sa candidature par son lien secret",
}
