# Sourced by the install scripts: run a command as root (directly, or through sudo), or say why
# not and fail. The sourcing script defines `say`.
as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        say "need root to run: $*"; return 1; fi
}
