#!/usr/bin/env bash
# Checks the system libraries WeasyPrint loads at run time (Pango, HarfBuzz subset) and a
# CJK font. Without a CJK font a PDF shows blanks or boxes instead of Chinese, with no error.
#
# All present: prints one line and exits 0. Missing on Debian/Ubuntu as root: installs
# them with apt-get. Otherwise: says what is missing and how to install it, and exits 1.
set -euo pipefail

LIBS=(libpango-1.0.so.0 libpangoft2-1.0.so.0 libharfbuzz-subset.so.0)
DEB_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-noto-cjk)

ldconfig_cmd() {
    if command -v ldconfig >/dev/null 2>&1; then
        ldconfig "$@"
    elif [ -x /sbin/ldconfig ]; then
        /sbin/ldconfig "$@"
    else
        return 1
    fi
}

missing=()

check() {
    missing=()
    if [ "$(uname -s)" = "Darwin" ]; then
        # Homebrew libraries are not in any ldconfig cache; WeasyPrint finds them itself.
        for formula in pango harfbuzz; do
            brew list --versions "$formula" >/dev/null 2>&1 || missing+=("$formula")
        done
    else
        local cache
        cache="$(ldconfig_cmd -p 2>/dev/null || true)"
        for lib in "${LIBS[@]}"; do
            grep -qF "$lib" <<<"$cache" || missing+=("$lib")
        done
    fi
    if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
        missing+=("CJK font (fc-list :lang=zh is empty)")
    fi
}

print_help() {
    echo "缺少 WeasyPrint（PDF 生成）所需的系统组件 / missing system dependencies:" >&2
    for item in "${missing[@]}"; do
        echo "  - $item" >&2
    done
    cat >&2 <<EOF

安装方法 / how to install:
  Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y ${DEB_PACKAGES[*]}
  Fedora/RHEL:   sudo dnf install -y pango harfbuzz fontconfig google-noto-sans-cjk-fonts
  macOS:         brew install pango && brew install --cask font-noto-sans-cjk-sc
安装后重新运行 / then run again: make test (或 make run)
EOF
}

check
if [ ${#missing[@]} -eq 0 ]; then
    echo "系统依赖齐全（Pango、HarfBuzz、中文字体）。"
    exit 0
fi

if [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "正在安装缺少的系统依赖：${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # A fresh image has no package lists; a stale one may name versions no longer served.
    if ! compgen -G "/var/lib/apt/lists/*_Packages" >/dev/null \
        || ! apt-get install -y --no-install-recommends "${DEB_PACKAGES[@]}"; then
        apt-get update
        apt-get install -y --no-install-recommends "${DEB_PACKAGES[@]}"
    fi
    command -v fc-cache >/dev/null 2>&1 && fc-cache -f >/dev/null 2>&1 || true
    check
    if [ ${#missing[@]} -eq 0 ]; then
        echo "系统依赖已安装。"
        exit 0
    fi
fi

print_help
exit 1
