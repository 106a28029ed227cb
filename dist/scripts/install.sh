#!/usr/bin/env bash
# Installs assistant-api as a systemd service. Run as root; safe to run again (an upgrade):
# the image is replaced, an existing /etc/assistant-api/config.yaml is never touched.
#
#   install.sh [--root DIR] [--no-start] [IMAGE]
#   install.sh --in-place [--root DIR] [--no-start]
#
# IMAGE: the runtime image directory or its .tar.gz. Default: the image this script is in
# (IMAGE/service/install.sh, so an unpacked tarball installs itself), else dist/target/assistant-api
# next to this script's checkout. --in-place: the image is already in /opt/assistant-api (the .deb
# put it there): set up the rest around it, with the command in /usr/bin. --root DIR installs into
# DIR instead of / (tests, packaging): no user is created, nothing is chowned, systemctl is not called.
#
# Puts:  /opt/assistant-api/                     the image (replaced as a whole)
#        /usr/local/bin/assistant-api            symlink to its launcher (/usr/bin with --in-place)
#        /usr/local/lib/assistant-api/           uninstall.sh, prewarm-voices.sh (not --in-place:
#                                                they are in /opt/assistant-api/service/)
#        /etc/assistant-api/config.yaml          commented defaults, only if missing
#        /var/lib/assistant-api/voices/          Piper voices (service user's)
#        /var/log/assistant-api/                 logs (service user's)
#        /etc/systemd/system/assistant-api.service, enabled (and restarted if it was running)
set -euo pipefail

here="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
user=assistant-api
root=""
start=yes
image=""
in_place=no

die() { echo "install.sh: $*" >&2; exit 1; }
usage() { sed -n '2,12s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

while [ $# -gt 0 ]; do
    case "$1" in
        --root) [ $# -ge 2 ] || die "--root needs a directory"; root="$(cd "$2" && pwd)" || exit 1; shift 2 ;;
        --no-start) start=no; shift ;;
        --in-place) in_place=yes; shift ;;
        -h|--help) usage; exit 0 ;;
        -*) usage >&2; exit 2 ;;
        *) [ -z "$image" ] || die "one image only"; image="$1"; shift ;;
    esac
done
[ -n "$root" ] || [ "$(id -u)" -eq 0 ] || die "run as root (or with --root DIR)"
opt="$root/opt/assistant-api"
if [ "$in_place" = yes ]; then
    [ -z "$image" ] || die "--in-place installs no image"
    image="$opt"
elif [ -z "$image" ]; then
    # In an image (IMAGE/service/), or in a checkout (dist/scripts/).
    if [ -x "$here/../bin/java" ]; then image="$(cd "$here/.." && pwd)"; else image="$here/../target/assistant-api"; fi
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
if [ -f "$image" ]; then
    tar -xzf "$image" -C "$tmp"
    image="$tmp/assistant-api"
fi
if [ ! -x "$image/bin/java" ] || [ ! -x "$image/bin/assistant-api" ]; then
    die "$image is not a runtime image (no bin/java, bin/assistant-api)"
fi
# What is installed around the image comes with the image.
service="$image/service"
for f in assistant-api.service config.yaml uninstall.sh prewarm-voices.sh; do
    [ -f "$service/$f" ] || die "missing $service/$f: an image older than this script?"
done
unit="$service/assistant-api.service"
config="$service/config.yaml"

# 1. The image, staged next to its final place and swapped in, so a failed copy leaves the old one;
#    and the command.
if [ "$in_place" = yes ]; then
    mkdir -p "$root/usr/bin"
    ln -sfn /opt/assistant-api/bin/assistant-api "$root/usr/bin/assistant-api"
else
    mkdir -p "$root/opt"
    rm -rf "$opt.new" "$opt.old"
    cp -a "$image" "$opt.new"
    chown -R 0:0 "$opt.new" 2>/dev/null || true
    if [ -e "$opt" ]; then mv "$opt" "$opt.old"; fi
    mv "$opt.new" "$opt"
    rm -rf "$opt.old"
    echo "installed the image in $opt ($(du -sh "$opt" | cut -f1))"
    mkdir -p "$root/usr/local/bin" "$root/usr/local/lib/assistant-api"
    ln -sfn /opt/assistant-api/bin/assistant-api "$root/usr/local/bin/assistant-api"
    install -m 755 "$service/uninstall.sh" "$service/prewarm-voices.sh" "$root/usr/local/lib/assistant-api/"
fi

# 2. The service user, a system account without a login shell or home directory of its own.
if [ -z "$root" ] && ! id -u "$user" >/dev/null 2>&1; then
    useradd --system --user-group --home-dir /var/lib/assistant-api --no-create-home \
        --shell /usr/sbin/nologin --comment "assistant-api speech server" "$user"
    echo "created the system user $user"
fi
owned() { if [ -z "$root" ]; then chown "$@"; fi; }

# 3. Directories and the configuration (kept if present: it may be edited).
install -d -m 755 "$root/etc/assistant-api"
install -d -m 750 "$root/var/lib/assistant-api" "$root/var/lib/assistant-api/voices" "$root/var/log/assistant-api"
owned "$user:$user" "$root/var/lib/assistant-api" "$root/var/lib/assistant-api/voices" "$root/var/log/assistant-api"
if [ -e "$root/etc/assistant-api/config.yaml" ]; then
    echo "kept $root/etc/assistant-api/config.yaml (the current defaults are in $root/etc/assistant-api/config.yaml.default)"
else
    install -m 640 "$config" "$root/etc/assistant-api/config.yaml"
    owned "root:$user" "$root/etc/assistant-api/config.yaml"
    echo "wrote $root/etc/assistant-api/config.yaml"
fi
install -m 644 "$config" "$root/etc/assistant-api/config.yaml.default"

# 4. The unit.
install -d -m 755 "$root/etc/systemd/system"
install -m 644 "$unit" "$root/etc/systemd/system/assistant-api.service"
if [ -z "$root" ] && [ -d /run/systemd/system ]; then
    systemctl daemon-reload
    systemctl enable assistant-api.service
    if systemctl is-active --quiet assistant-api.service; then
        systemctl restart assistant-api.service
        echo "restarted assistant-api"
    elif [ "$start" = yes ]; then
        systemctl start assistant-api.service
        echo "started assistant-api: systemctl status assistant-api"
    fi
else
    echo "systemd is not running here (or --root): enable it later with"
    echo "  systemctl daemon-reload && systemctl enable --now assistant-api"
fi
