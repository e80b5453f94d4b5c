#!/usr/bin/env bash
# jemalloc, the memory allocator the `kb` command runs under when the machine has it
# (kb/allocator.py): a 3,000-document build takes ~18% less time than on the C library's malloc.
# Installs the Debian package libjemalloc2 when it is missing; idempotent. Never fails the set-up:
# without root or apt, `kb` runs on the C library's malloc and says so in `kb bench`.
set -uo pipefail
cd "$(dirname "$0")/.."

say() { printf 'jemalloc: %s\n' "$*"; }
. scripts/as_root.sh

install_package() { as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends libjemalloc2; }

if ldconfig -p 2>/dev/null | grep -q 'libjemalloc\.so\.2'; then
    say "installed"
elif ! command -v apt-get >/dev/null; then
    say "not installed and no apt-get here; kb runs on the C library's malloc"
else
    say "installing the Debian package libjemalloc2"
    install_package || { as_root apt-get update -q && install_package; } || say "not installed; kb runs on the C library's malloc"
fi
exit 0
