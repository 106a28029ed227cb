#!/usr/bin/env bash
# Prerequisites of assistant-api on Debian/Ubuntu: system packages and a JDK >= 25.
#
#   source dist/scripts/prerequisites.sh [runtime|test]   (what serve.sh and test.sh do)
#   dist/scripts/prerequisites.sh [runtime|test]          (check/install, print JAVA_HOME)
#
#   runtime  packages the server needs at run time: libespeak-ng1 espeak-ng-data
#            (ffmpeg is optional at run time: only response_format aac uses it)
#   test     runtime + what the test suite needs: ffmpeg opus-tools flac systemd python3 nginx
#            fakeroot python3-torch python3-onnx (the default)
#
# Missing packages are installed with apt-get when running as root (one `apt-get update`, then
# `apt-get install -y --no-install-recommends`); otherwise it stops and prints the command to
# run. The JDK is $JAVA_HOME if it is >= 25, else the newest >= 25 under /usr/lib/jvm; it is
# exported as JAVA_HOME (the Maven Wrapper uses it). Safe to run any number of times.

aa_prereq_min_java=25

aa_prereq_say() { printf 'prerequisites: %s\n' "$*" >&2; }

# The feature version (25 for "25.0.1") of the JDK at $1, or nothing.
aa_prereq_java_feature() {
    local home="$1" version=""
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] && [ -x "$home/bin/jlink" ] || return 0
    if [ -r "$home/release" ]; then
        version="$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release" | head -n 1)"
    fi
    if [ -z "$version" ]; then
        # e.g. openjdk version "25.0.1" 2025-10-21 LTS
        version="$("$home/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)"
    fi
    version="${version#1.}" # 1.8 -> 8
    version="${version%%[.+-]*}"
    case "$version" in
        '' | *[!0-9]*) return 0 ;;
        *) printf '%s\n' "$version" ;;
    esac
}

aa_prereq_select_jdk() {
    local feature best="" best_feature=0 candidate
    if [ -n "${JAVA_HOME:-}" ]; then
        feature="$(aa_prereq_java_feature "$JAVA_HOME")"
        if [ -n "$feature" ] && [ "$feature" -ge "$aa_prereq_min_java" ]; then
            export JAVA_HOME
            aa_prereq_say "JDK $feature at $JAVA_HOME (from JAVA_HOME)"
            return 0
        fi
        aa_prereq_say "JAVA_HOME=$JAVA_HOME is not a JDK >= $aa_prereq_min_java (found: ${feature:-none}); looking in /usr/lib/jvm"
    fi
    for candidate in /usr/lib/jvm/*; do
        if [ ! -d "$candidate" ] || [ -L "$candidate" ]; then
            continue # symlinks are aliases of another entry
        fi
        feature="$(aa_prereq_java_feature "$candidate")"
        if [ -n "$feature" ] && [ "$feature" -ge "$aa_prereq_min_java" ] && [ "$feature" -gt "$best_feature" ]; then
            best="$candidate"
            best_feature="$feature"
        fi
    done
    if [ -z "$best" ]; then
        cat >&2 <<EOF
prerequisites: no JDK >= $aa_prereq_min_java found (checked JAVA_HOME and /usr/lib/jvm/*).
  Debian 12 (bookworm) has no JDK $aa_prereq_min_java package. Install Eclipse Temurin $aa_prereq_min_java, e.g. from
  the Adoptium apt repository (https://adoptium.net/installation/linux/):
      sudo apt-get install -y wget apt-transport-https gpg
      wget -qO - https://packages.adoptium.net/artifactory/api/gpg/key/public | gpg --dearmor | sudo tee /etc/apt/trusted.gpg.d/adoptium.gpg >/dev/null
      echo "deb https://packages.adoptium.net/artifactory/deb \$(. /etc/os-release; echo \$VERSION_CODENAME) main" | sudo tee /etc/apt/sources.list.d/adoptium.list
      sudo apt-get update && sudo apt-get install -y temurin-$aa_prereq_min_java-jdk
  or unpack a JDK $aa_prereq_min_java tarball anywhere and set JAVA_HOME to it.
EOF
        return 1
    fi
    export JAVA_HOME="$best"
    aa_prereq_say "JDK $best_feature at $JAVA_HOME"
}

aa_prereq_missing_packages() {
    local pkg status
    for pkg in "$@"; do
        status="$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)"
        [ "$status" = "installed" ] || printf '%s\n' "$pkg"
    done
}

aa_prereq_packages() {
    local scope="$1" missing
    local -a wanted=(libespeak-ng1 espeak-ng-data)
    if [ "$scope" = test ]; then
        # flac: FlacEncoderTest decodes with the reference decoder; systemd (systemd-analyze) and
        # python3: SystemdIT verifies the unit and plays systemd's notify socket; nginx: LoadBalancerIT
        # runs it in front of two instances (its own prefix, never the system's service); fakeroot:
        # jpackage builds the .deb with it (dpkg-deb is part of dpkg); python3-torch and python3-onnx:
        # the realistic Piper test voices are built and exported with torch (make_realistic_voices.py),
        # which takes their .onnx.json from make_test_voices.py, a module that imports onnx.
        wanted+=(ffmpeg opus-tools flac systemd python3 nginx fakeroot python3-torch python3-onnx)
    fi
    # The Maven Wrapper downloads Maven with curl or wget on its first run.
    if ! command -v curl >/dev/null 2>&1 && ! command -v wget >/dev/null 2>&1; then
        wanted+=(curl ca-certificates)
    fi
    if ! command -v dpkg-query >/dev/null 2>&1; then
        aa_prereq_say "dpkg-query not found: not a Debian-like system; make sure these are installed: ${wanted[*]}"
        return 0
    fi
    if [ "$scope" = runtime ] && ! command -v ffmpeg >/dev/null 2>&1; then
        aa_prereq_say "optional: ffmpeg is not installed; without it the server cannot produce response_format aac"
    fi
    missing="$(aa_prereq_missing_packages "${wanted[@]}" | tr '\n' ' ')"
    missing="${missing% }"
    if [ -z "$missing" ]; then
        aa_prereq_say "packages present: ${wanted[*]}"
        return 0
    fi
    if [ "$(id -u)" -ne 0 ]; then
        aa_prereq_say "missing packages: $missing"
        aa_prereq_say "install them, then run this again:"
        printf '    sudo apt-get update && sudo apt-get install -y --no-install-recommends %s\n' "$missing" >&2
        return 1
    fi
    aa_prereq_say "installing: $missing"
    if ! DEBIAN_FRONTEND=noninteractive apt-get update -q; then
        aa_prereq_say "apt-get update failed"
        return 1
    fi
    # shellcheck disable=SC2086 # one word per package
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing; then
        aa_prereq_say "apt-get failed installing: $missing"
        return 1
    fi
    missing="$(aa_prereq_missing_packages "${wanted[@]}" | tr '\n' ' ')"
    if [ -n "${missing% }" ]; then
        aa_prereq_say "still missing after apt-get: $missing"
        return 1
    fi
}

aa_prereq_main() {
    local scope="${1:-test}"
    case "$scope" in
        runtime | test) ;;
        *)
            aa_prereq_say "unknown scope '$scope' (use: runtime or test)"
            return 2
            ;;
    esac
    aa_prereq_packages "$scope" || return 1
    aa_prereq_select_jdk || return 1
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    aa_prereq_main "$@"
    printf 'export JAVA_HOME=%q\n' "$JAVA_HOME"
else
    aa_prereq_main "$@"
fi
