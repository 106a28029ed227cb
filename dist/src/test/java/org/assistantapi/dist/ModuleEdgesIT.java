package org.assistantapi.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The layering, checked on the jars that ship: api → core → workers → engines, encoders, text. Reads
 * the module descriptors from the runtime image's app/ directory and compares every project
 * module's {@code requires} on other project modules with the allowed edges, exactly: a new edge
 * (say core → engines) fails, and so does a lost one.
 */
class ModuleEdgesIT {

    private static final String PROJECT = "org.assistantapi.";

    private static final Map<String, Set<String>> EXPECTED = Map.of(
            "org.assistantapi.api", Set.of("org.assistantapi.core"),
            "org.assistantapi.core", Set.of("org.assistantapi.workers"),
            "org.assistantapi.workers", Set.of("org.assistantapi.engines", "org.assistantapi.encoders", "org.assistantapi.text"),
            "org.assistantapi.engines", Set.of(),
            "org.assistantapi.encoders", Set.of(),
            "org.assistantapi.text", Set.of());

    @Test
    void projectModulesRequireExactlyTheLayeredEdges() {
        Path app = appDir();
        Map<String, Set<String>> actual = new TreeMap<>();
        for (ModuleReference ref : ModuleFinder.of(app).findAll()) {
            ModuleDescriptor descriptor = ref.descriptor();
            if (!descriptor.name().startsWith(PROJECT)) {
                continue;
            }
            assertTrue(!descriptor.isAutomatic(),
                    descriptor.name() + " in " + ref.location().orElseThrow() + " has no module-info");
            actual.put(descriptor.name(), descriptor.requires().stream()
                    .map(ModuleDescriptor.Requires::name)
                    .filter(name -> name.startsWith(PROJECT))
                    .collect(Collectors.toCollection(TreeSet::new)));
        }
        Map<String, Set<String>> expected = new TreeMap<>();
        EXPECTED.forEach((module, edges) -> expected.put(module, new TreeSet<>(edges)));
        assertEquals(expected, actual, "project module edges (module -> required project modules) in " + app);
    }

    private static Path appDir() {
        String home = System.getProperty("assistantapi.home");
        assertTrue(home != null && !home.isBlank(), "system property assistantapi.home is not set (run through failsafe)");
        Path app = Path.of(home, "app");
        assertTrue(Files.isDirectory(app), app + " is not a directory: build the image first (mvn package)");
        return app;
    }
}
