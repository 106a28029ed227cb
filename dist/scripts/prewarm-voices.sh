#!/bin/sh
# Loads voices into every worker of the running server, so that their first request does not
# wait for loading: a sample for ExecStartPost or a systemd timer. Exit status 0 only when all
# are ready. With no VOICE_ID, the server's configured voices.prewarm list.
#
#   prewarm-voices.sh [VOICE_ID...]
#
# From the unit (systemctl edit assistant-api); the "-" lets the service start even if a voice
# fails, drop it to make that fatal:
#   [Service]
#   ExecStartPost=-/usr/local/lib/assistant-api/prewarm-voices.sh en_US-lessac-medium
#
# Environment: ASSISTANT_API (the command, default /opt/assistant-api/bin/assistant-api),
# ASSISTANT_API_CONFIG (default /etc/assistant-api/config.yaml: the server's host and port),
# PREWARM_ATTEMPTS (default 10: tries, 3 s apart, while the server cannot be reached, e.g.
# while it restarts).
set -u

command="${ASSISTANT_API:-/opt/assistant-api/bin/assistant-api}"
config="${ASSISTANT_API_CONFIG:-/etc/assistant-api/config.yaml}"
attempts="${PREWARM_ATTEMPTS:-10}"

attempt=1
while :; do
    # A server that answers but cannot load a voice fails the same way every time: only an
    # unreachable one is worth waiting for.
    output="$("$command" prewarm --config "$config" "$@" 2>&1)"
    status=$?
    printf '%s\n' "$output"
    case "$output" in
        *"cannot connect to the server"*|*"cannot reach the server"*) ;;
        *) exit "$status" ;;
    esac
    [ "$attempt" -lt "$attempts" ] || exit "$status"
    attempt=$((attempt + 1))
    sleep 3
done
