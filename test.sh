#!/usr/bin/env bash
# Run the whole test suite: unit tests (surefire) in every module, then the runtime image is
# built and the integration tests (failsafe, dist/src/test/java/**/*IT.java) run against it.
#
#   ./test.sh [extra Maven arguments]      e.g. ./test.sh -Dit.test=ModuleEdgesIT
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# shellcheck source=dist/scripts/prerequisites.sh
source dist/scripts/prerequisites.sh test

./mvnw -B verify "$@"
