"""`make load`: Fabrique under load on PostgreSQL, as deployed (not run by the CI).

Run inside `.ci/with-postgres` (a throwaway PostgreSQL cluster, `DATABASE_URL` set):

1. prepares the database: migrations, territories, demo data, the generated portfolio's 2,000
   projects (`fabrique.portfolio.demo.generator`, as `bench/portfolio.py`), 50 accounts (team,
   coaches, agents, service owners);
2. starts gunicorn as in the Procfile (2 processes × 4 threads, `config/gunicorn.conf.py`) and a
   `db_worker`, with production-like settings (`DEBUG=0`);
3. runs 50 logged-in users over the main pages and the API, each waiting 1 to 3 s between pages
   as people do (and before the first page: they do not all start at once), for 10 minutes
   (`--short`: 2 minutes); prints throughput, p50/p95/p99 per page and per 20-second slice
   and the errors (budget: 0 error, p95 ≤ 300 ms);
4. finds the saturation point: users with no wait, growing until the throughput stops
   growing, with the CPU time of the web processes, the database and the load generator
   (where the time goes);
5. checks two faults: PostgreSQL restarted under load (errors only while it is down, then the
   web processes recover by themselves) and a `db_worker` killed during a task (the task is
   not left running: it is retried or reported failed).

Figures are printed as a French table and written to var/load/load.json.
"""

import argparse
import http.cookiejar
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "load"
PYTHON = sys.executable
PASSWORD = "charge-fabrique-2026"
USERS = {"incubateur": 20, "coach": 10, "agent": 10, "porteur": 10}
BUDGET_P95_MS = 300.0
PORT = int(os.environ.get("LOAD_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "config.settings.dev",
    "DEBUG": "0",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    "WEB_CONCURRENCY": "2",
    "GUNICORN_THREADS": "4",
    "PYTHONPATH": str(ROOT),
}


def say(text: str) -> None:
    print(text, flush=True)


def manage(*args: str, quiet: bool = True) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=ENV,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


PREPARE = r"""
from fabrique.accounts.models import User
from fabrique.portfolio.demo.generator import generate_portfolio
from fabrique.portfolio.models import Project
if Project.objects.count() < 2000:
    generate_portfolio(2000)
for role, count in %(users)r.items():
    for index in range(count):
        email = f"charge-{role}-{index}@fabrique.localhost"
        if not User.objects.filter(email=email).exists():
            User.objects.create_user(email, %(password)r, role=role, first_name="Charge")
print(Project.objects.count(), "projets,", User.objects.count(), "comptes")
"""


def prepare() -> None:
    say("Préparation de la base (migrations, territoires, démonstration, 2 000 projets)…")
    manage("migrate", "--noinput", "-v", "0")
    manage("import_territories")
    manage("load_demo")
    code = PREPARE % {"users": USERS, "password": PASSWORD}
    subprocess.run(
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", code], cwd=ROOT, env=ENV, check=True
    )
    # A database in service has long been vacuumed and analysed; one loaded a second ago has
    # not, and PostgreSQL's autovacuum would do it during the measure.
    vacuum = "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')"
    subprocess.run(
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", vacuum], cwd=ROOT, env=ENV, check=True
    )


def port_is_free(port: int) -> bool:
    """Nothing listens on 127.0.0.1:`port` (a server left running there would be measured in
    place of ours, with another database)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def require_free_port() -> None:
    if not port_is_free(PORT):
        raise SystemExit(
            f"Le port {PORT} est déjà pris par un autre serveur : arrêtez-le, ou choisissez un "
            "port libre avec LOAD_PORT=…"
        )


def start_servers() -> tuple[subprocess.Popen, subprocess.Popen]:
    require_free_port()
    OUT.mkdir(parents=True, exist_ok=True)
    web = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "config.wsgi", "-c", "config/gunicorn.conf.py",
         "--bind", f"127.0.0.1:{PORT}", "--access-logfile", "-"],
        cwd=ROOT, env=ENV, stdout=(OUT / "gunicorn.log").open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    worker = subprocess.Popen(
        [PYTHON, "manage.py", "db_worker"],
        cwd=ROOT, env=ENV, stdout=(OUT / "worker.log").open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    for _ in range(120):
        try:
            urllib.request.urlopen(BASE + "/", timeout=2)
            return web, worker
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn n'a pas démarré : voir var/load/gunicorn.log")


class User:
    """One person with their own session cookie, walking the pages of their role."""

    def __init__(self, email: str, role: str, slugs: list[str]):
        self.email, self.role, self.slugs = email, role, slugs
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def open(self, url: str, data: dict | None = None, referer: str = ""):
        body = urllib.parse.urlencode(data).encode() if data else None
        request = urllib.request.Request(BASE + url, data=body, headers={"Referer": referer})
        return self.opener.open(request, timeout=30)

    def log_in(self) -> None:
        html = self.open("/connexion/").read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        self.open(
            "/connexion/",
            {"csrfmiddlewaretoken": token, "username": self.email, "password": PASSWORD},
            referer=BASE + "/connexion/",
        ).read()

    def pages(self, rng: random.Random) -> str:
        slug = rng.choice(self.slugs)
        common = [
            "/", "/mon-espace/", "/projets/", f"/projets/{slug}/", "/catalogue/",
            "/territoires/?q=saint", "/api/v1/projects/", f"/api/v1/projects/{slug}/",
            "/api/v1/solutions/", "/recrutement/", "/accompagnement/", "/appels/",
            "/api/v1/jobs/", "/api/v1/support/sessions/",
        ]  # fmt: skip
        staff = [
            "/portefeuille/", "/portefeuille/impact/", "/comites/", "/synergies/",
            "/sur-mesure/", "/investigations/", "/problemes/", "/api/v1/diagnostics/",
        ]  # fmt: skip
        return rng.choice(common + (staff if self.role == "incubateur" else []))


def label(url: str) -> str:
    return re.sub(r"/(projets|projects)/[^/]+/", r"/\1/<projet>/", url.split("?")[0])


def run_users(users, seconds: float, wait: tuple[float, float], results, stop_at=None):
    deadline = time.monotonic() + seconds

    def walk(user, seed):
        rng = random.Random(seed)
        if wait[1]:  # people do not all click at the same instant: each starts within a pause
            time.sleep(rng.uniform(0, wait[1]))
        while time.monotonic() < deadline:
            url = user.pages(rng)
            began = time.perf_counter()
            try:
                response = user.open(url)
                response.read()
                status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
            except OSError:
                status = 0
            elapsed = (time.perf_counter() - began) * 1000
            results.append((time.monotonic(), label(url), status, elapsed))
            if wait[1]:
                time.sleep(rng.uniform(*wait))

    threads = [
        threading.Thread(target=walk, args=(user, index), daemon=True)
        for index, user in enumerate(users)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def summarise(results, seconds: float) -> dict:
    times = [elapsed for _, _, status, elapsed in results if 200 <= status < 400]
    errors = [status for _, _, status, _ in results if not 200 <= status < 400]
    cuts = statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1 else [0] * 99
    per_page = defaultdict(list)
    for _, page, _status, elapsed in results:
        per_page[page].append(elapsed)
    began = min((at for at, *_ in results), default=0)
    windows = defaultdict(list)
    for at, _page, status, elapsed in results:
        if 200 <= status < 400:
            windows[int((at - began) // 20) * 20].append(elapsed)
    return {
        # p95 per 20-second slice: a slow start and a steady state are told apart.
        "windows": {
            start: round(statistics.quantiles(values, n=20, method="inclusive")[18])
            for start, values in sorted(windows.items())
            if len(values) > 1
        },
        "requests": len(results),
        "per_second": len(results) / seconds,
        "p50": cuts[49],
        "p95": cuts[94],
        "p99": cuts[98],
        "errors": len(errors),
        "error_codes": {str(code): errors.count(code) for code in sorted(set(errors))},
        "pages": {
            page: statistics.quantiles(values, n=20, method="inclusive")[18]
            for page, values in sorted(per_page.items())
            if len(values) > 1
        },
    }


def cpu_seconds(pid: int, *, reaped: bool = False) -> float:
    """User + system CPU time of a process and of its live children (Linux /proc); with
    `reaped`, also of the children it has already waited for: a PostgreSQL server's ended
    connections, whose time would otherwise vanish from the sum (it went negative)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for each in [pid, *_children(pid)]:
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
        if reaped and each == pid:
            total += (int(fields[13]) + int(fields[14])) / tick
    return total


def _children(pid: int) -> list[int]:
    try:
        return [
            int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        ]
    except OSError:
        return []


def postgres_pid() -> int:
    """The server of the throwaway cluster (`.ci/with-postgres`), not any other on the machine."""
    return int((Path(os.environ["PG_DATA_DIR"]) / "postmaster.pid").read_text().split()[0])


def saturation(users, seconds: float, web: subprocess.Popen) -> list[dict]:
    rows = []
    for count in (5, 10, 20, 40):
        results = []
        web_cpu, db_cpu = cpu_seconds(web.pid), cpu_seconds(postgres_pid(), reaped=True)
        own_cpu = time.process_time()
        run_users(users[:count], seconds, (0, 0), results)
        figures = summarise(results, seconds)
        figures.update(
            users=count,
            cpu_web_s=cpu_seconds(web.pid) - web_cpu,
            cpu_db_s=cpu_seconds(postgres_pid(), reaped=True) - db_cpu,
            cpu_load_generator_s=time.process_time() - own_cpu,
        )
        rows.append(figures)
        say(
            f"  {count} utilisateurs sans attente : {figures['per_second']:.1f} req/s, "
            f"p95 {figures['p95']:.0f} ms, {figures['errors']} erreur(s) ; CPU en {seconds:.0f} s :"
            f" gunicorn {figures['cpu_web_s']:.1f} s, PostgreSQL {figures['cpu_db_s']:.1f} s,"
            f" générateur {figures['cpu_load_generator_s']:.1f} s"
        )
        if len(rows) > 1 and figures["per_second"] < rows[-2]["per_second"] * 1.05:
            break
    return rows


def restart_postgres(users, seconds: float) -> dict:
    data_dir, run_as = os.environ.get("PG_DATA_DIR"), os.environ.get("PG_RUN_AS", "")
    pg_ctl = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin")) / "pg_ctl"
    if not data_dir:
        return {"skipped": "PG_DATA_DIR absent (lancer par make load)"}
    results = []
    runner = threading.Thread(target=run_users, args=(users[:10], seconds, (0.2, 0.5), results))
    runner.start()
    time.sleep(seconds / 3)
    prefix = ["runuser", "-u", run_as, "--"] if run_as else []
    down = time.monotonic()
    subprocess.run([*prefix, str(pg_ctl), "-D", data_dir, "-m", "fast", "restart", "-w"],
                   check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    up = time.monotonic()
    runner.join()
    after = [r for r in results if r[0] > up + 2]
    return {
        "restart_s": up - down,
        "requests": len(results),
        "errors_total": sum(1 for r in results if not 200 <= r[2] < 400),
        # 503 is the French « service momentanément indisponible » page; 0 a refused connection.
        "error_statuses": dict(
            sorted(Counter(r[2] for r in results if not 200 <= r[2] < 400).items())
        ),
        "errors_after_restart": sum(1 for r in after if not 200 <= r[2] < 400),
        "requests_after_restart": len(after),
    }


KILL_WORKER = r"""
from fabrique.synergies.tasks import recompute_index
result = recompute_index.enqueue()
print(result.id)
"""


def task_status(task_id: str) -> str:
    check = (
        "from django_tasks_db.models import DBTaskResult as R;"
        f"print(R.objects.get(id={task_id!r}).status)"
    )
    out = subprocess.run([PYTHON, "manage.py", "shell", "-c", check], cwd=ROOT, env=ENV,
                         capture_output=True, text=True).stdout.strip()  # fmt: skip
    return out.splitlines()[-1] if out else ""


def kill_worker(worker: subprocess.Popen) -> tuple[dict, subprocess.Popen]:
    """Kill the db_worker while it runs a task, start a new one, see what became of the task."""
    out = subprocess.run([PYTHON, "manage.py", "shell", "-c", KILL_WORKER], cwd=ROOT, env=ENV,
                         check=True, capture_output=True, text=True)  # fmt: skip
    task_id = out.stdout.strip().splitlines()[-1]
    for _ in range(60):  # wait until the worker has claimed it
        if task_status(task_id) == "RUNNING":
            break
        time.sleep(0.5)
    state_at_kill = task_status(task_id)
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    # What the Procfile does before each db_worker (here with no delay: the worker is dead).
    manage("recover_tasks", "--older-than", "0")
    replacement = subprocess.Popen(
        [PYTHON, "manage.py", "db_worker"],
        cwd=ROOT, env=ENV, stdout=(OUT / "worker.log").open("a"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    status = ""
    for _ in range(120):
        status = task_status(task_id)
        if status in {"SUCCESSFUL", "FAILED"}:
            break
        time.sleep(2)
    report = {"task": task_id, "status_when_killed": state_at_kill, "final_status": status}
    return report, replacement


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", action="store_true", help="2 minutes au lieu de 10")
    parser.add_argument("--skip-prepare", action="store_true")
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        raise SystemExit("DATABASE_URL absent : lancez « make load » (PostgreSQL jetable).")
    require_free_port()  # before minutes of preparation
    if not args.skip_prepare:
        prepare()
    web, worker = start_servers()
    report = {}
    try:
        slugs = json.loads(
            subprocess.run(
                [PYTHON, "manage.py", "shell", "-c",
                 "import json; from fabrique.portfolio.models import Project;"
                 "print(json.dumps(list(Project.objects.values_list('slug', flat=True)[:300])))"],
                cwd=ROOT, env=ENV, check=True, capture_output=True, text=True,
            ).stdout.strip().splitlines()[-1]
        )  # fmt: skip
        users = [
            User(f"charge-{role}-{index}@fabrique.localhost", role, slugs)
            for role, count in USERS.items()
            for index in range(count)
        ]
        for user in users:
            user.log_in()
        duration = 120 if args.short else 600
        say(
            f"Charge : {len(users)} utilisateurs connectés, 1 à 3 s entre deux pages, {duration} s…"
        )
        results = []
        run_users(users, duration, (1.0, 3.0), results)
        report["load"] = summarise(results, duration)
        load = report["load"]
        state = "OK" if load["errors"] == 0 and load["p95"] <= BUDGET_P95_MS else "DÉPASSÉ"
        say(
            f"  {load['requests']} requêtes, {load['per_second']:.1f} req/s, p50 "
            f"{load['p50']:.0f} ms, p95 {load['p95']:.0f} ms, p99 {load['p99']:.0f} ms, "
            f"{load['errors']} erreur(s) {load['error_codes'] or ''}— budget 0 erreur, "
            f"p95 ≤ 300 ms : {state}"
        )
        for page, p95 in load["pages"].items():
            say(f"    {page:<40} p95 {p95:6.0f} ms")
        say(
            "    p95 par tranche de 20 s : "
            + ", ".join(f"{start} s : {p95} ms" for start, p95 in load["windows"].items())
        )
        say("Saturation (utilisateurs sans attente, 20 s par palier) :")
        report["saturation"] = saturation(users, 20 if args.short else 60, web)
        say("Panne : PostgreSQL redémarré sous charge…")
        report["postgres_restart"] = restart_postgres(users, 30)
        say(f"  {report['postgres_restart']}")
        say("Panne : db_worker tué pendant une tâche…")
        report["worker_kill"], worker = kill_worker(worker)
        say(f"  {report['worker_kill']}")
    finally:
        for process in (web, worker):
            process.send_signal(signal.SIGTERM)
        for process in (web, worker):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / "load.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
