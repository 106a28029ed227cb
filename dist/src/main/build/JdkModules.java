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
 * The result is the baseline plus every JDK module in the resolved graph of each root (the
 * closure of the module descriptors' non-static `requires`). Automatic modules (onnxruntime,
 * jump3r, concentus) have no descriptor, so jdeps is run on them and the build fails if one of
 * them uses a JDK module that its JVM would not resolve: adding it to the image would not help,
 * because with `java -m` only required modules are resolved (an explicit module must require it).
 */
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolvedModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;

public class JdkModules {

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: java JdkModules.java <app-dir> <roots> <baseline> <output-file>");
            System.exit(2);
        }
        Path appDir = Path.of(args[0]);
        List<String> roots = split(args[1]);
        Set<String> result = new TreeSet<>(split(args[2]));
        Path output = Path.of(args[3]);

        ModuleFinder system = ModuleFinder.ofSystem();
        ModuleFinder app = ModuleFinder.of(appDir);
        ToolProvider jdeps = ToolProvider.findFirst("jdeps")
                .orElseThrow(() -> new IllegalStateException("jdeps not found: run with a full JDK"));
        TreeMap<String, Set<String>> automaticUses = new TreeMap<>();
        List<String> problems = new ArrayList<>();

        for (String root : roots) {
            Configuration cf = Configuration.empty().resolve(system, app, List.of(root));
            Set<String> jdk = new TreeSet<>();
            for (ResolvedModule m : cf.modules()) {
                if (isJdk(m)) {
                    jdk.add(m.name());
                }
            }
            System.out.println("[jdk-modules] " + root + " resolves " + String.join(",", jdk));
            result.addAll(jdk);
            for (ResolvedModule m : cf.modules()) {
                if (isJdk(m) || !m.reference().descriptor().isAutomatic()) {
                    continue;
                }
                Set<String> uses = automaticUses.computeIfAbsent(m.name(),
                        n -> jdepsModules(jdeps, appDir, Path.of(m.reference().location().orElseThrow())));
                for (String used : uses) {
                    if (!jdk.contains(used)) {
                        problems.add("automatic module " + m.name() + " uses " + used + ", which is not in the"
                                + " module graph of " + root + ": an explicit module must 'requires " + used + "'");
                    }
                }
            }
        }
        automaticUses.forEach((name, uses) ->
                System.out.println("[jdk-modules] automatic " + name + " uses (jdeps) " + String.join(",", uses)));
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println("[jdk-modules] ERROR " + p));
            System.exit(1);
        }
        Files.writeString(output, String.join(",", result));
        System.out.println("[jdk-modules] image modules: " + String.join(",", result));
    }

    private static boolean isJdk(ResolvedModule m) {
        return m.reference().location().map(u -> "jrt".equals(u.getScheme())).orElse(false);
    }

    /** JDK modules a jar uses, by jdeps; application modules in the answer are dropped. */
    private static Set<String> jdepsModules(ToolProvider jdeps, Path appDir, Path jar) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(err),
                "--multi-release", String.valueOf(Runtime.version().feature()),
                "--ignore-missing-deps", "--print-module-deps",
                "--module-path", appDir.toString(), jar.toString());
        if (rc != 0) {
            throw new IllegalStateException("jdeps failed on " + jar + ":\n" + out + err);
        }
        String[] lines = out.toString().strip().split("\\R");
        Set<String> used = new TreeSet<>();
        for (String name : split(lines[lines.length - 1])) {
            if (ModuleFinder.ofSystem().find(name).isPresent()) {
                used.add(name);
            }
        }
        return used;
    }

    private static List<String> split(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
