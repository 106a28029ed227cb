/*
 * Computes the JDK modules the runtime image must contain. Run by the dist build (Java's
 * single-file source launcher) after the application jars have been staged:
 *
 *   java JdkModules.java <app-dir> <roots> <baseline> <output-file>
 *
 * roots     comma-separated application modules a JVM is started with (-m), e.g. the server
 *           and the worker entry modules; each is resolved on its own, as its JVM resolves it.
 * baseline  comma-separated JDK modules always linked in (see docs/developer/build.md).
 *
 * The image's modules are the baseline plus every JDK module in the resolved graph of each root
 * (the closure of the module descriptors' non-static `requires`); jlink adds their `requires`.
 * The build fails if a root's graph does not resolve.
 *
 * Automatic modules (onnxruntime, jump3r, concentus) have no descriptor, so jdeps is run on them:
 * a JDK module one of them references that is not in the module graph a JVM of ours would have
 * in the image (resolved and service-bound, as the boot layer does) is reported as a warning with
 * the referencing classes. Only a warning: jdeps sees every reference in the jar, used or not
 * (jump3r's LameEncoder uses javax.sound, the encoders drive LAME without it).
 */
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.lang.module.ResolvedModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;

public class JdkModules {

    private static final ToolProvider JDEPS = ToolProvider.findFirst("jdeps")
            .orElseThrow(() -> new IllegalStateException("jdeps not found: run with a full JDK"));

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: java JdkModules.java <app-dir> <roots> <baseline> <output-file>");
            System.exit(2);
        }
        Path appDir = Path.of(args[0]);
        List<String> roots = split(args[1]);
        Set<String> image = new TreeSet<>(split(args[2]));
        Path output = Path.of(args[3]);

        ModuleFinder jdk = ModuleFinder.ofSystem();
        ModuleFinder app = ModuleFinder.of(appDir);

        // 1. What the module descriptors require.
        for (String root : roots) {
            Set<String> required = jdkModules(resolve(root, () ->
                    Configuration.empty().resolve(jdk, app, List.of(root)), appDir));
            System.out.println("[jdk-modules] " + root + " requires " + String.join(",", required));
            image.addAll(required);
        }
        Files.writeString(output, String.join(",", image));
        System.out.println("[jdk-modules] image modules: " + String.join(",", image)
                + " (jlink adds what they require)");

        // 2. The graphs our JVMs will really have in the image, services bound; check the
        //    automatic modules' references against them.
        Set<String> linked = jdkModules(Configuration.empty().resolve(jdk, ModuleFinder.of(), image));
        ModuleFinder imageJdk = restrict(jdk, linked);
        Map<String, Set<String>> automaticUses = new TreeMap<>();
        for (String root : roots) {
            Configuration cf = resolve(root, () ->
                    Configuration.empty().resolveAndBind(imageJdk, app, List.of(root)), appDir);
            Set<String> graph = jdkModules(cf);
            System.out.println("[jdk-modules] " + root + " JVM graph in the image: " + String.join(",", graph));
            for (ResolvedModule m : cf.modules()) {
                if (isJdk(m) || !m.reference().descriptor().isAutomatic()) {
                    continue;
                }
                Path jar = Path.of(m.reference().location().orElseThrow());
                Set<String> uses = automaticUses.computeIfAbsent(m.name(), n -> jdeps(appDir, jar));
                for (String used : uses) {
                    if (!graph.contains(used)) {
                        System.out.println("[jdk-modules] WARNING automatic module " + m.name() + " references "
                                + used + ", which a JVM started with " + root + " will not have"
                                + (linked.contains(used) ? "" : " (not in the image)")
                                + "; using these classes would fail with NoClassDefFoundError:");
                        referencingClasses(appDir, jar, used)
                                .forEach(line -> System.out.println("[jdk-modules]     " + line));
                    }
                }
            }
        }
        automaticUses.forEach((name, uses) ->
                System.out.println("[jdk-modules] automatic " + name + " references (jdeps) " + String.join(",", uses)));
    }

    private interface Resolution {
        Configuration run();
    }

    private static Configuration resolve(String root, Resolution resolution, Path appDir) {
        try {
            return resolution.run();
        } catch (FindException | ResolutionException e) {
            System.err.println("[jdk-modules] ERROR the module graph of " + root + " does not resolve with the"
                    + " JDK and the jars in " + appDir + ": " + e.getMessage());
            System.exit(1);
            throw e;
        }
    }

    private static boolean isJdk(ResolvedModule m) {
        return m.reference().location().map(u -> "jrt".equals(u.getScheme())).orElse(false);
    }

    private static Set<String> jdkModules(Configuration cf) {
        return cf.modules().stream().filter(JdkModules::isJdk).map(ResolvedModule::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static ModuleFinder restrict(ModuleFinder finder, Set<String> names) {
        return new ModuleFinder() {
            @Override
            public Optional<ModuleReference> find(String name) {
                return names.contains(name) ? finder.find(name) : Optional.empty();
            }

            @Override
            public Set<ModuleReference> findAll() {
                return finder.findAll().stream().filter(r -> names.contains(r.descriptor().name()))
                        .collect(Collectors.toSet());
            }
        };
    }

    /** JDK modules a jar references, by jdeps. */
    private static Set<String> jdeps(Path appDir, Path jar) {
        String[] lines = runJdeps("--print-module-deps", "--module-path", appDir.toString(), jar.toString())
                .strip().split("\\R");
        Set<String> used = new TreeSet<>();
        for (String name : split(lines[lines.length - 1])) {
            if (ModuleFinder.ofSystem().find(name).isPresent()) {
                used.add(name);
            }
        }
        return used;
    }

    /** "class -> referenced class" lines of a jar's references into one JDK module, at most a few. */
    private static List<String> referencingClasses(Path appDir, Path jar, String module) {
        Map<String, Set<String>> byClass = new LinkedHashMap<>();
        for (String line : runJdeps("-verbose:class", "--module-path", appDir.toString(), jar.toString()).split("\\R")) {
            // e.g. "   de.sciss.jump3r.LameEncoder   -> javax.sound.sampled.AudioFormat   java.desktop"
            String[] parts = line.strip().split("\\s+");
            if (parts.length >= 4 && parts[1].equals("->") && parts[parts.length - 1].equals(module)) {
                byClass.computeIfAbsent(parts[0], k -> new TreeSet<>()).add(parts[2]);
            }
        }
        List<String> out = byClass.entrySet().stream().limit(8)
                .map(e -> e.getKey() + " -> " + String.join(", ", e.getValue())).collect(Collectors.toList());
        if (byClass.size() > 8) {
            out.add("... and " + (byClass.size() - 8) + " more classes");
        }
        return out;
    }

    private static String runJdeps(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--multi-release";
        all[1] = String.valueOf(Runtime.version().feature());
        all[2] = "--ignore-missing-deps";
        System.arraycopy(args, 0, all, 3, args.length);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = JDEPS.run(new PrintWriter(out), new PrintWriter(err), all);
        if (rc != 0) {
            throw new IllegalStateException("jdeps " + String.join(" ", all) + " failed:\n" + out + err);
        }
        return out.toString();
    }

    private static List<String> split(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
