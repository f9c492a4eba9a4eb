#!/usr/bin/env bash
# Adds Source Compare to the desktop's application menu: the .desktop file, the AppStream
# metainfo and the icons, for a `source-compare` command installed with pipx or pip.
#   packaging/linux/install.sh            into ~/.local/share (this user)
#   PREFIX=/usr/local packaging/linux/install.sh   system-wide (run as root)
#   packaging/linux/install.sh --uninstall
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
APP_ID=io.github.source_compare.SourceCompare
if [ -n "${PREFIX:-}" ]; then share="$PREFIX/share"; else share="${XDG_DATA_HOME:-$HOME/.local/share}"; fi

files=("applications/$APP_ID.desktop" "metainfo/$APP_ID.metainfo.xml")
for png in "$root"/resources/icons/hicolor/*/apps/"$APP_ID".png; do
    files+=("icons/hicolor/${png#"$root"/resources/icons/hicolor/}")
done
files+=("icons/hicolor/scalable/apps/$APP_ID.svg")

if [ "${1:-}" = "--uninstall" ]; then
    for f in "${files[@]}"; do rm -f "$share/$f"; done
    echo "removed Source Compare's menu entry and icons from $share"
else
    command -v source-compare >/dev/null 2>&1 \
        || echo "note: no source-compare command on PATH yet; install it with: pipx install source-compare" >&2
    install -D -m 644 "$here/$APP_ID.desktop" "$share/applications/$APP_ID.desktop"
    install -D -m 644 "$here/$APP_ID.metainfo.xml" "$share/metainfo/$APP_ID.metainfo.xml"
    for png in "$root"/resources/icons/hicolor/*/apps/"$APP_ID".png; do
        install -D -m 644 "$png" "$share/icons/hicolor/${png#"$root"/resources/icons/hicolor/}"
    done
    install -D -m 644 "$root/resources/icons/$APP_ID.svg" "$share/icons/hicolor/scalable/apps/$APP_ID.svg"
    echo "installed Source Compare's menu entry and icons into $share"
fi
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$share/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
