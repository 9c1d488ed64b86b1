"""Run one management command in its own process, and stop it in the middle of its writes.

    python tests/core/importer_runner.py PAUSE_AT COMMAND [ARGS...]

Counts the SQL statements that write (INSERT, UPDATE, DELETE, REPLACE). At the PAUSE_AT-th
one (0: never), it prints « PAUSE » on stderr and sleeps before running it, so that the test
that started it can send SIGKILL while the importer is half-way through its writes. At the end
it prints « ÉCRITURES n ». Used by tests/core/test_importer_kill.py; reads its database from
DATABASE_URL.
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import django

django.setup()

from django.core.management import execute_from_command_line  # noqa: E402
from django.db import connection  # noqa: E402

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


class WriteCounter:
    def __init__(self, pause_at: int):
        self.pause_at = pause_at
        self.writes = 0

    def __call__(self, execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(WRITES):
            self.writes += 1
            if self.writes == self.pause_at:
                sys.stderr.write("PAUSE\n")
                sys.stderr.flush()
                time.sleep(600)
        return execute(sql, params, many, context)


def main(argv: list[str]) -> None:
    counter = WriteCounter(int(argv[1]))
    with connection.execute_wrapper(counter):
        try:
            execute_from_command_line(["manage.py", *argv[2:]])
        finally:
            sys.stderr.write(f"ÉCRITURES {counter.writes}\n")
            sys.stderr.flush()


if __name__ == "__main__":
    main(sys.argv)
