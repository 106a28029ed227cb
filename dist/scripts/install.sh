#!/usr/bin/env bash
# Installs assistant-api as a systemd service. Run as root; safe to run again (an upgrade):
# the image is replaced, an existing /etc/assistant-api/config.yaml is never touched.
#
#   install.sh [--root DIR] [--no-start] [IMAGE]
#
# IMAGE: the runtime image directory or its .tar.gz (default: dist/target/assistant-api next
# to this script's checkout). --root DIR installs into DIR instead of / (for tests and
# packaging): no user is created, nothing is chowned and systemctl is not called.
#
# Puts:  /opt/assistant-api/                     the image (replaced as a whole)
#        /usr/local/bin/assistant-api            symlink to its launcher
#        /usr/local/lib/assistant-api/           uninstall.sh, prewarm-voices.sh
#        /etc/assistant-api/config.yaml          commented defaults, only if missing
#        /var/lib/assistant-api/voices/          Piper voices (service user's)
#        /var/log/assistant-api/                 logs (service user's)
#        /etc/systemd/system/assistant-api.service, enabled (and restarted if it was running)
set -euo pipefail

here="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dist="$(cd "$here/.." && pwd)"
user=assistant-api
root=""
start=yes
image=""

die() { echo "install.sh: $*" >&2; exit 1; }
usage() { sed -n '2,10s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

while [ $# -gt 0 ]; do
    case "$1" in
        --root) [ $# -ge 2 ] || die "--root needs a directory"; root="$(cd "$2" && pwd)" || exit 1; shift 2 ;;
        --no-start) start=no; shift ;;
        -h|--help) usage; exit 0 ;;
        -*) usage >&2; exit 2 ;;
        *) [ -z "$image" ] || die "one image only"; image="$1"; shift ;;
    esac
done
image="${image:-$dist/target/assistant-api}"
[ -n "$root" ] || [ "$(id -u)" -eq 0 ] || die "run as root (or with --root DIR)"

unit="$dist/systemd/assistant-api.service"
config="$dist/config/config.yaml"
for f in "$unit" "$config" "$here/uninstall.sh" "$here/prewarm-voices.sh"; do
    [ -f "$f" ] || die "missing $f: run this script from a checkout of the repository"
done

opt="$root/opt/assistant-api"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# 1. The image, staged next to its final place and swapped in, so a failed copy leaves the old one.
if [ -f "$image" ]; then
    tar -xzf "$image" -C "$tmp"
    image="$tmp/assistant-api"
fi
if [ ! -x "$image/bin/java" ] || [ ! -x "$image/bin/assistant-api" ]; then
    die "$image is not a runtime image (no bin/java, bin/assistant-api)"
fi
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
install -m 755 "$here/uninstall.sh" "$here/prewarm-voices.sh" "$root/usr/local/lib/assistant-api/"

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
