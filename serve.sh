#!/usr/bin/env bash
# Build assistant-api (tests skipped) and run the server in the foreground.
#
#   ./serve.sh [--config PATH] [--port N]      arguments go to `assistant-api serve`
#
# The runtime image is dist/target/assistant-api; see README.md and docs/developer/build.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# shellcheck source=dist/scripts/prerequisites.sh
source dist/scripts/prerequisites.sh runtime

echo "serve.sh: building the runtime image (./mvnw -B -DskipTests -Ddeb.skip=true package) ..." >&2
./mvnw -B -q -DskipTests -Ddeb.skip=true package

echo "serve.sh: starting dist/target/assistant-api/bin/assistant-api serve $*" >&2
exec dist/target/assistant-api/bin/assistant-api serve "$@"
