"""Run one management command in a child process, stop it in the middle of its writes, then,
once told, run it again to the end.

    python tests/core/importer_runner.py PAUSE_AT COMMAND [ARGS...]

Django is set up once; then a forked child runs the command, counting the SQL statements that
write (INSERT, UPDATE, DELETE, REPLACE). At the PAUSE_AT-th one it prints « PAUSE <pid> » on
stderr and sleeps before running it, so that the test can SIGKILL it half-way through its
writes. The parent prints « FIN <status> » when the child is gone, waits for « RELANCE » on
stdin, runs the command again in full and exits with its status (nothing else on stdin: it
exits at once). Used by tests/core/test_importer_kill.py; the database comes from
DATABASE_URL.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import django

django.setup()

from django.core.management import CommandError, call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


class WriteCounter:
    def __init__(self, pause_at: int):
        self.pause_at = pause_at
        self.writes = 0

    def __call__(self, execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(WRITES):
            self.writes += 1
            if self.writes == self.pause_at:
                sys.stderr.write(f"PAUSE {os.getpid()}\n")
                sys.stderr.flush()
                time.sleep(600)
        return execute(sql, params, many, context)


def run(arguments: list[str], pause_at: int = 0) -> int:
    counter = WriteCounter(pause_at)
    started = time.perf_counter()
    with connection.execute_wrapper(counter):
        try:
            call_command(*arguments)  # without the system checks (seconds, not the import)
        except CommandError as error:
            sys.stderr.write(f"{error}\n")
            return 1
        finally:
            seconds = time.perf_counter() - started
            sys.stderr.write(f"ÉCRITURES {counter.writes} {seconds:.2f}\n")
            sys.stderr.flush()
    return 0


def main(argv: list[str]) -> None:
    pause_at, arguments = int(argv[1]), argv[2:]
    connections.close_all()  # nothing open is shared with the child
    child = os.fork()
    if child == 0:
        os._exit(run(arguments, pause_at))
    _, status = os.waitpid(child, 0)
    sys.stderr.write(f"FIN {status}\n")
    sys.stderr.flush()
    if sys.stdin.readline().strip() == "RELANCE":
        sys.exit(run(arguments))


if __name__ == "__main__":
    main(sys.argv)
