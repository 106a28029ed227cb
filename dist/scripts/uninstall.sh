#!/usr/bin/env bash
# Removes assistant-api: stops and disables the service, removes the image, the unit and the
# command. Keeps the configuration, the voices, the logs and the service user unless --purge.
# install.sh puts a copy of this script in /usr/local/lib/assistant-api/; the image has one in
# /opt/assistant-api/service/.
#
#   uninstall.sh [--root DIR] [--purge] [--in-place]
#
# --root DIR works on DIR instead of / (tests, packaging): systemctl and userdel are not called.
# --in-place leaves /opt/assistant-api, for the package manager that put it there to remove.
set -euo pipefail

user=assistant-api
root=""
purge=no
in_place=no

die() { echo "uninstall.sh: $*" >&2; exit 1; }
usage() { sed -n '2,10s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

while [ $# -gt 0 ]; do
    case "$1" in
        --root) [ $# -ge 2 ] || die "--root needs a directory"; root="$(cd "$2" && pwd)" || exit 1; shift 2 ;;
        --purge) purge=yes; shift ;;
        --in-place) in_place=yes; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done
[ -n "$root" ] || [ "$(id -u)" -eq 0 ] || die "run as root (or with --root DIR)"

unit="$root/etc/systemd/system/assistant-api.service"
if [ -z "$root" ] && [ -d /run/systemd/system ] && [ -e "$unit" ]; then
    systemctl disable --now assistant-api.service || true
fi
rm -f "$unit"
rm -rf "$unit.d"
if [ -z "$root" ] && [ -d /run/systemd/system ]; then
    systemctl daemon-reload
fi

# The command symlink only if it is ours (install.sh makes it in /usr/local/bin, or in /usr/bin
# with --in-place).
for link in "$root/usr/local/bin/assistant-api" "$root/usr/bin/assistant-api"; do
    if [ -L "$link" ] && [ "$(readlink "$link")" = /opt/assistant-api/bin/assistant-api ]; then
        rm -f "$link"
    fi
done
rm -rf "$root/usr/local/lib/assistant-api"
if [ "$in_place" = yes ]; then
    echo "removed the service and the command"
else
    rm -rf "$root/opt/assistant-api" "$root/opt/assistant-api.new" "$root/opt/assistant-api.old"
    echo "removed the service, the image and the command"
fi

if [ "$purge" = yes ]; then
    rm -rf "$root/etc/assistant-api" "$root/var/lib/assistant-api" "$root/var/log/assistant-api"
    if [ -z "$root" ] && id -u "$user" >/dev/null 2>&1; then
        userdel "$user"
    fi
    echo "purged the configuration, the voices, the logs and the user $user"
else
    echo "kept $root/etc/assistant-api, $root/var/lib/assistant-api (voices) and $root/var/log/assistant-api;" \
        "remove them with --purge"
fi
