#!/usr/bin/env bash
# Checks the system libraries WeasyPrint loads at run time (Pango, HarfBuzz subset) and the
# CJK faces of GB/T 9704: without a CJK font a PDF shows blanks or boxes instead of Chinese,
# with no error; without the four faces body, headings and title all come out in one face.
#
# Free faces (used when 仿宋_GB2312 / 方正小标宋 etc. are not installed):
#   仿宋 FandolFang, 楷体 FandolKai (GPL-3 + font exception; Debian has them only inside
#   texlive-lang-chinese, which drags in ~260 MB of TeX, so we take the six .otf files out
#   of that package into /usr/local/share/fonts/fandol, or link them if TeX Live is installed);
#   黑体 Noto Sans CJK SC, 小标宋 substitute Noto Serif CJK SC Bold (SIL OFL 1.1, fonts-noto-cjk).
#
# All present: prints one line and exits 0. Missing on Debian/Ubuntu as root: installs
# them with apt-get. Otherwise: says what is missing and how to install it, and exits 1.
set -euo pipefail

# libcairo2: CairoSVG draws the charts of the .docx (reports/word_charts.py).
LIBS=(libpango-1.0.so.0 libpangoft2-1.0.so.0 libharfbuzz-subset.so.0 libcairo.so.2)
DEB_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libcairo2 fontconfig fonts-noto-cjk)

ldconfig_cmd() {
    if command -v ldconfig >/dev/null 2>&1; then
        ldconfig "$@"
    elif [ -x /sbin/ldconfig ]; then
        /sbin/ldconfig "$@"
    else
        return 1
    fi
}

FANDOL_TEX=/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol
FANDOL_LOCAL=/usr/local/share/fonts/fandol
FACES=("FandolFang:仿宋" "FandolKai:楷体" "Noto Sans CJK SC:黑体" "Noto Serif CJK SC:bold:小标宋（替代）")

missing=()

has_face() {
    # fc-list prints nothing for a pattern it cannot match exactly ("family[:style]").
    [ -n "$(fc-list "$1" family 2>/dev/null)" ]
}

install_fandol() {
    if [ -d "$FANDOL_TEX" ]; then
        ln -sfn "$FANDOL_TEX" "$FANDOL_LOCAL"
        return
    fi
    local tmp
    tmp="$(mktemp -d)"
    (
        cd "$tmp"
        chown _apt "$tmp" 2>/dev/null || true # apt downloads as _apt
        apt-get download texlive-lang-chinese
        dpkg-deb --fsys-tarfile texlive-lang-chinese_*.deb \
            | tar -x --wildcards './usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/Fandol[FKSH]*' \
                './usr/share/doc/texlive-doc/fonts/fandol/*'
        mkdir -p "$FANDOL_LOCAL"
        cp ./usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/*.otf \
            ./usr/share/doc/texlive-doc/fonts/fandol/* "$FANDOL_LOCAL"/
    )
    rm -rf "$tmp"
}

check() {
    missing=()
    if [ "$(uname -s)" = "Darwin" ]; then
        # Homebrew libraries are not in any ldconfig cache; WeasyPrint finds them itself.
        for formula in pango harfbuzz cairo; do
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
    local face
    for face in "${FACES[@]}"; do
        has_face "${face%:*}" || missing+=("${face##*:}字体 ${face%:*}")
    done
}

print_help() {
    echo "缺少 WeasyPrint（PDF 生成）所需的系统组件 / missing system dependencies:" >&2
    for item in "${missing[@]}"; do
        echo "  - $item" >&2
    done
    cat >&2 <<EOF

安装方法 / how to install:
  Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y ${DEB_PACKAGES[*]}
                 （仿宋、楷体 Fandol 字体：以 root 运行本脚本，它从 texlive-lang-chinese 中取出；
                  或 sudo apt-get install texlive-lang-chinese 后再以 root 运行本脚本）
  Fedora/RHEL:   sudo dnf install -y pango harfbuzz cairo fontconfig google-noto-sans-cjk-fonts
  macOS:         brew install pango cairo && brew install --cask font-noto-sans-cjk-sc
安装后重新运行 / then run again: make test (或 make run)
EOF
}

check
if [ ${#missing[@]} -eq 0 ]; then
    echo "系统依赖齐全（Pango、HarfBuzz、Cairo、仿宋/楷体/黑体/标题宋体）。"
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
    check
    if [[ "${missing[*]}" == *Fandol* ]]; then
        install_fandol || echo "未能取得 Fandol 字体 / could not fetch the Fandol fonts" >&2
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
