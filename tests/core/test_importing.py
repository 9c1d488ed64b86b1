"""core.importing: the one import report, its French summary, the fingerprint."""

import hashlib

import pytest

from fabrique.core.importing import CREATED, UNCHANGED, UPDATED, ImportReport, Item, fingerprint


def test_the_report_counts_outcomes_and_keeps_keys():
    report = ImportReport(source="sill.json", read=4)
    report.record(CREATED, "gristo")
    report.record(UPDATED)
    report.record(UNCHANGED, "nextcloud")
    report.skip("ligne 12", "fiche de test de la source")
    assert (report.created, report.updated, report.unchanged) == (1, 1, 1)
    assert report.keys[CREATED] == ["gristo"] and report.keys[UPDATED] == []
    assert (report.imported, report.total) == (3, 4)
    [(where, reason)] = report.skipped
    assert str(report.skipped[0]) == "ligne 12 : fiche de test de la source"
    assert (where, reason) == ("ligne 12", "fiche de test de la source")
    with pytest.raises(ValueError):
        report.record("deleted")


def test_the_summary_agrees_in_number_and_gender():
    report = ImportReport(source="sill.json", read=240, created=12, updated=3, unchanged=225)
    assert report.summary(("fiche", "fiches"), feminine=True) == (
        "sill.json : 240 fiches lues — 12 créées, 3 mises à jour, 225 inchangées."
    )
    single = ImportReport(source="operators.json", read=1, created=1)
    single.skip("ligne 3", "fiche de test")
    assert single.summary(("opérateur", "opérateurs")) == (
        "operators.json : 1 opérateur lu — 1 créé, 0 mis à jour, 0 inchangé, 1 ignoré."
    )


def test_as_dict_is_plain_data():
    report = ImportReport(read=2, created=1)
    report.warn("", "1 licence réécrite en SPDX.")
    assert report.as_dict() == {
        "source": "",
        "read": 2,
        "created": 1,
        "updated": 0,
        "unchanged": 0,
        "skipped": [],
        "warnings": [{"where": "", "reason": "1 licence réécrite en SPDX."}],
    }
    assert str(report.warnings[0]) == "1 licence réécrite en SPDX."
    assert isinstance(report.warnings[0], Item)


def test_fingerprint_of_texts_bytes_and_files(tmp_path):
    path = tmp_path / "communes.csv"
    path.write_bytes(b"insee;nom\n42218;Saint-Etienne\n")
    expected = hashlib.sha256(b"communes" + path.read_bytes()).hexdigest()
    assert fingerprint("communes", path) == expected
    assert fingerprint(b"communes", path.read_bytes()) == expected
    assert fingerprint("abc", length=8) == hashlib.sha256(b"abc").hexdigest()[:8]
    # The identifiers of local initiatives were stored with SHA-1: the same answer.
    old = hashlib.sha1(b"42218|Cour", usedforsecurity=False).hexdigest()[:16]
    assert fingerprint("42218|Cour", length=16, algorithm="sha1") == old
