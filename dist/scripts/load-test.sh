#!/usr/bin/env bash
# Runs the project's load tool (org.assistantapi.dist.load.LoadTool, in dist's test sources)
# against the runtime image. Build the image first: ./mvnw -B -o install -DskipTests
#
#   dist/scripts/load-test.sh [SCENARIO...] [--workers N] [--seconds S] [--levels 1,8,32,64] ...
#   dist/scripts/load-test.sh --help
#
# Scenarios: pool (issue 5's benchmark), slow-readers, disconnects; all by default (~2 minutes).
# Figures and how to read them: docs/developer/benchmarks.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

# shellcheck source=dist/scripts/prerequisites.sh
source dist/scripts/prerequisites.sh runtime

if [ ! -x dist/target/assistant-api/bin/assistant-api ]; then
    echo "load-test.sh: no image at dist/target/assistant-api; build it: ./mvnw -B -o install -DskipTests" >&2
    exit 1
fi

classpath_file=dist/target/load-test.classpath
./mvnw -q -B -o -pl dist test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$classpath_file"

# --enable-native-access: EngineCost runs espeak-ng (through FFM) in the tool's JVM.
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
    -Dassistantapi.home="$PWD/dist/target/assistant-api" \
    -Dassistantapi.shared="$PWD/../shared" \
    -cp "dist/target/test-classes:$(cat "$classpath_file")" \
    org.assistantapi.dist.load.LoadTool "$@"
