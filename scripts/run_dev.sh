#!/usr/bin/env bash
# `make run`: the task worker in the background, the development server in the foreground;
# the worker stops when the server does (Ctrl+C, an error, or the terminal closing).
set -euo pipefail
PY="$1"
ADDR="$2"

"$PY" manage.py run_worker &
WORKER=$!
stop_worker() {
    kill -TERM "$WORKER" 2>/dev/null || true
    wait "$WORKER" 2>/dev/null || true
}
trap stop_worker EXIT
trap 'exit 130' INT TERM
"$PY" manage.py runserver "$ADDR"
