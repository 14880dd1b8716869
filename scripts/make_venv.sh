#!/usr/bin/env bash
# Creates the virtualenv at $1 (default .venv) with a Python >= 3.11.
#
# Uses $PYTHON if set, else the first of python3, python3.13, python3.12, python3.11 that is
# new enough. A half-made virtualenv (no pip) is removed, so the next run starts over.
set -euo pipefail

VENV="${1:-.venv}"

new_enough() {
    "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' >/dev/null 2>&1
}

python=""
if [ -n "${PYTHON:-}" ]; then
    if ! new_enough "$PYTHON"; then
        echo "PYTHON=$PYTHON 不可用或版本低于 3.11 / is missing or older than 3.11." >&2
        exit 1
    fi
    python="$PYTHON"
else
    for candidate in python3 python3.13 python3.12 python3.11; do
        if command -v "$candidate" >/dev/null 2>&1 && new_enough "$candidate"; then
            python="$candidate"
            break
        fi
    done
fi
if [ -z "$python" ]; then
    echo "需要 Python 3.11 或更高版本 / Python >= 3.11 is required." >&2
    echo "  Debian/Ubuntu: sudo apt-get install -y python3 python3-venv" >&2
    echo "  或指定解释器 / or name one: make PYTHON=/path/to/python3.12 ..." >&2
    exit 1
fi

make_it() {
    rm -rf "$VENV"
    "$python" -m venv "$VENV" && "$VENV/bin/python" -m pip --version >/dev/null 2>&1
}

if ! make_it; then
    # Debian splits ensurepip into python3-venv (python3.X-venv on Ubuntu).
    version="$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
    if [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update
        apt-get install -y python3-venv "python${version}-venv" || apt-get install -y python3-venv
    fi
    if ! make_it; then
        rm -rf "$VENV"
        echo "无法创建虚拟环境 / could not create the virtualenv with $python." >&2
        echo "  Debian/Ubuntu: sudo apt-get install -y python3-venv python${version}-venv" >&2
        exit 1
    fi
fi
echo "已创建虚拟环境 $VENV（$("$VENV/bin/python" --version)）。"
