#!/usr/bin/env bash
# Runs the project's load tool (org.assistantapi.dist.load.LoadTool, in dist's test sources)
# against the runtime image. Build the image first: ./mvnw -B -DskipTests -Ddeb.skip=true package
#
#   dist/scripts/load-test.sh [SCENARIO...] [--workers N] [--seconds S] [--levels 1,8,32,64] ...
#   dist/scripts/load-test.sh --help
#
# Scenarios: pool (issue 5's benchmark), slow-readers, disconnects, mixed, llm-sessions,
# worker-kills, session-latency (all by default), and soak and abuse (by name only); see --help.
#   dist/scripts/load-test.sh scheduling [--levels 1,2,4,8,12,16] [--workers 2] [--voice medium|x_low] [--kinds ...] [--spread S] [--against "shared_turn_ms: 60000" | --against-image DIR]
# runs issue 15's benchmark instead: both schedulers side by side with the realistic Piper voice.
#   dist/scripts/load-test.sh first-audio [--voices medium,x_low] [--runs 7]
# runs issue 16's: a 20-word sentence's first audio, decoder windows against whole sentences.
# Figures and how to read them: docs/developer/benchmarks.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

# shellcheck source=dist/scripts/prerequisites.sh
source dist/scripts/prerequisites.sh runtime

if [ ! -x dist/target/assistant-api/bin/assistant-api ]; then
    echo "load-test.sh: no image at dist/target/assistant-api; build it: ./mvnw -B -DskipTests -Ddeb.skip=true package" >&2
    exit 1
fi

classpath_file=dist/target/load-test.classpath
# -am: the other modules come from this checkout (their target/classes), never from ~/.m2.
./mvnw -q -B -pl dist -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/$classpath_file"

# --enable-native-access: EngineCost runs espeak-ng (through FFM) in the tool's JVM.
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
    -Dassistantapi.home="$PWD/dist/target/assistant-api" \
    -Dassistantapi.texts="$PWD/testdata/texts" \
    -Dassistantapi.repo="$PWD" \
    -cp "dist/target/test-classes:$(cat "$classpath_file")" \
    org.assistantapi.dist.load.LoadTool "$@"
