#!/usr/bin/env bash
# Removes assistant-api: stops and disables the service, removes the image, the unit and the
# command. Keeps the configuration, the voices, the logs and the service user unless --purge.
# install.sh puts a copy of this script in /usr/local/lib/assistant-api/.
#
#   uninstall.sh [--root DIR] [--purge]
#
# --root DIR works on DIR instead of / (tests, packaging): systemctl and userdel are not called.
set -euo pipefail

user=assistant-api
root=""
purge=no

die() { echo "uninstall.sh: $*" >&2; exit 1; }
usage() { sed -n '2,8s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

while [ $# -gt 0 ]; do
    case "$1" in
        --root) [ $# -ge 2 ] || die "--root needs a directory"; root="$(cd "$2" && pwd)" || exit 1; shift 2 ;;
        --purge) purge=yes; shift ;;
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

# The command symlink only if it is ours.
link="$root/usr/local/bin/assistant-api"
if [ -L "$link" ] && [ "$(readlink "$link")" = /opt/assistant-api/bin/assistant-api ]; then
    rm -f "$link"
fi
rm -rf "$root/opt/assistant-api" "$root/opt/assistant-api.new" "$root/opt/assistant-api.old" \
    "$root/usr/local/lib/assistant-api"
echo "removed the service, the image and the command"

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
