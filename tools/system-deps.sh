#!/usr/bin/env bash
# System libraries Source Compare needs beyond Python packages.
#   check-gui     before opening a window: name any missing Qt/X11 library and its Debian package
#   install-test  before the test suite: install what the tests need when missing (as root, with apt-get)
set -u

# library file -> Debian/Ubuntu package (what Qt 6's xcb platform plugin links against)
gui_libs=(
    "libEGL.so.1:libegl1"
    "libGL.so.1:libgl1"
    "libfontconfig.so.1:libfontconfig1"
    "libxkbcommon.so.0:libxkbcommon0"
    "libglib-2.0.so.0:libglib2.0-0"
    "libdbus-1.so.3:libdbus-1-3"
)
xcb_libs=(
    "libxcb-cursor.so.0:libxcb-cursor0"
    "libxcb-icccm.so.4:libxcb-icccm4"
    "libxcb-keysyms.so.1:libxcb-keysyms1"
    "libxkbcommon-x11.so.0:libxkbcommon-x11-0"
    "libxcb-shape.so.0:libxcb-shape0"
    "libxcb-randr.so.0:libxcb-randr0"
    "libxcb-render-util.so.0:libxcb-render-util0"
    "libxcb-image.so.0:libxcb-image0"
    "libxcb-util.so.1:libxcb-util1"
    "libxcb-xkb.so.1:libxcb-xkb1"
    "libX11-xcb.so.1:libx11-xcb1"
)

have_lib() {
    ldconfig -p 2>/dev/null | grep -q "[[:space:]]$1 " && return 0
    # ldconfig may be absent from PATH for ordinary users
    /sbin/ldconfig -p 2>/dev/null | grep -q "[[:space:]]$1 "
}

missing_packages() {
    local entry lib pkg out=()
    for entry in "$@"; do
        lib=${entry%%:*}; pkg=${entry##*:}
        have_lib "$lib" || out+=("$pkg")
    done
    echo "${out[*]:-}"
}

apt_install() {
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing system packages: $*"
        apt-get update -qq >/dev/null 2>&1 || true
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
        return $?
    fi
    return 1
}

case "${1:-}" in
check-gui)
    [ "$(uname -s)" = Linux ] || exit 0
    libs=("${gui_libs[@]}")
    if [ -z "${WAYLAND_DISPLAY:-}" ] && [ "${QT_QPA_PLATFORM:-xcb}" = xcb ]; then
        libs+=("${xcb_libs[@]}")
        if [ -z "${DISPLAY:-}" ]; then
            echo "No display found (DISPLAY and WAYLAND_DISPLAY are unset)." >&2
            echo "Start Source Compare from a desktop session, or set QT_QPA_PLATFORM=offscreen for a headless run." >&2
            exit 1
        fi
    fi
    missing=$(missing_packages "${libs[@]}")
    if [ -n "$missing" ]; then
        echo "Source Compare needs system libraries that are not installed." >&2
        echo "On Debian or Ubuntu:  sudo apt-get install $missing" >&2
        exit 1
    fi
    ;;
install-test)
    [ "$(uname -s)" = Linux ] || exit 0
    missing=$(missing_packages "${gui_libs[@]}")
    command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing="$missing chromium"
    command -v desktop-file-validate >/dev/null 2>&1 || missing="$missing desktop-file-utils"
    command -v appstreamcli >/dev/null 2>&1 || missing="$missing appstream"
    missing=$(echo $missing)
    if [ -n "$missing" ]; then
        apt_install $missing || {
            echo "Could not install: $missing (needs root and apt-get)." >&2
            echo "Tests that need them will fail or be skipped with the reason." >&2
        }
    fi
    ;;
*)
    echo "usage: $0 check-gui|install-test" >&2
    exit 2
    ;;
esac
exit 0
