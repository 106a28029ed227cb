package org.assistantapi.engines;

import java.util.HashSet;
import java.util.Set;

/**
 * What a look at an engine's voice files found changed since the last look.
 *
 * @param added    voices now complete and readable that were not offered before
 * @param removed  voices offered before whose files are gone (or no longer complete)
 * @param replaced voices whose files changed: a new load reads the new files
 * @param settling whether files are still being written: look again soon
 */
public record VoiceChanges(Set<String> added, Set<String> removed, Set<String> replaced, boolean settling) {

    public static final VoiceChanges NONE = new VoiceChanges(Set.of(), Set.of(), Set.of(), false);

    public VoiceChanges {
        added = Set.copyOf(added);
        removed = Set.copyOf(removed);
        replaced = Set.copyOf(replaced);
    }

    /** Whether the set of voices or any voice's files changed. */
    public boolean any() {
        return !added.isEmpty() || !removed.isEmpty() || !replaced.isEmpty();
    }

    /** Both looks' changes: for a worker that asks several engines. */
    public VoiceChanges and(VoiceChanges other) {
        return new VoiceChanges(union(added, other.added), union(removed, other.removed),
                union(replaced, other.replaced), settling || other.settling);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
