"""Signals that apps declare for cross-app reactions, without importing each other.

`records_changed` is sent by an app's services after a write that changes what other apps
index or compute (a project, a catalogue solution, a diagnostic need, a problem…):

    records_changed.send(sender=Project, kind="projet", pks=[project.pk])

`kind` is the item kind the synergy engine knows the records by; `pks` the primary keys
written (created, changed or deleted). Listening apps connect in their `AppConfig.ready()`;
a receiver defers heavy work (`transaction.on_commit`, a background task).

`territories_changed` is sent by the territories import, inside its transaction, when it created
or changed territories (populations, EPCI membership), for the apps that keep figures computed
from them: a receiver that fails cancels the whole import.
"""

from django.dispatch import Signal

records_changed = Signal()
territories_changed = Signal()
