import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Builds the installers from jlink.json, the single source of packaging settings: jlinks a runtime
 * from the JDK plus JavaFX's modular jars, then jpackages the class-path app (DJL and the other
 * non-modular jars stay on the class path) onto it, once per installer type of this OS.
 *
 * <p>Run by {@code mvn -B -Pinstaller package}:
 * {@code java -cp <gson.jar> packaging/Packager.java <project dir> <version> <target/app> <target/installer>}.
 */
public final class Packager {

    public static void main(String[] args) throws Exception {
        Path project = Path.of(args[0]);
        String version = numericVersion(args[1]);
        Path app = Path.of(args[2]);
        Path out = Path.of(args[3]);
        JsonObject config = JsonParser.parseString(Files.readString(project.resolve("jlink.json"))).getAsJsonObject();
        String os = currentOs();
        JsonObject runtimeConfig = config.getAsJsonObject("runtime");

        Path work = out.resolve("work");
        deleteTree(out);
        Files.createDirectories(work);

        // The app's jars, less the JavaFX modules the runtime will hold.
        List<PathMatcher> moduleJars = new ArrayList<>();
        for (JsonElement glob : runtimeConfig.getAsJsonArray("moduleJarsFromLib")) {
            moduleJars.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.getAsString()));
        }
        Path input = work.resolve("input");
        Files.createDirectories(input.resolve("lib"));
        Files.copy(app.resolve(config.get("mainJar").getAsString()), input.resolve(config.get("mainJar").getAsString()));
        List<String> modulePath = new ArrayList<>();
        try (Stream<Path> libs = Files.list(app.resolve("lib"))) {
            for (Path jar : libs.sorted().toList()) {
                if (moduleJars.stream().anyMatch(m -> m.matches(jar.getFileName()))) {
                    modulePath.add(jar.toString());
                } else if (!jar.getFileName().toString().startsWith("javafx-")) {
                    Files.copy(jar, input.resolve("lib").resolve(jar.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }

        Path runtime = work.resolve("runtime");
        List<String> jlink = new ArrayList<>(List.of(tool("jlink"), "--module-path", String.join(java.io.File.pathSeparator, modulePath),
                "--add-modules", String.join(",", strings(runtimeConfig.getAsJsonArray("modules"))), "--output", runtime.toString()));
        jlink.addAll(strings(runtimeConfig.getAsJsonArray("jlinkOptions")));
        // jlink's compression flag changed after JDK 17 (--compress=2 became --compress=zip-6).
        jlink.add(Runtime.version().feature() <= 17 ? runtimeConfig.get("compressJdk17").getAsString()
                : runtimeConfig.get("compressLater").getAsString());
        run(jlink);

        JsonObject osConfig = config.getAsJsonObject(os);
        for (String type : strings(osConfig.getAsJsonArray("types"))) {
            List<String> jpackage = new ArrayList<>(List.of(tool("jpackage"), "--type", type,
                    "--name", config.get("launcher").getAsString(),
                    "--app-version", version,
                    "--vendor", config.get("vendor").getAsString(),
                    "--description", config.get("description").getAsString(),
                    "--copyright", config.get("copyright").getAsString(),
                    "--icon", project.resolve(config.getAsJsonObject("icons").get(os).getAsString()).toString(),
                    "--input", input.toString(),
                    "--main-jar", config.get("mainJar").getAsString(),
                    "--main-class", config.get("mainClass").getAsString(),
                    "--runtime-image", runtime.toString(),
                    "--dest", out.toString()));
            for (String option : strings(config.getAsJsonArray("javaOptions"))) {
                jpackage.add("--java-options");
                jpackage.add(option);
            }
            if (!type.equals("app-image")) {
                jpackage.addAll(strings(osConfig.getAsJsonArray("options")));
            }
            run(jpackage);
        }
        deleteTree(work);
        try (Stream<Path> made = Files.list(out)) {
            made.forEach(p -> System.out.println("made " + p));
        }
    }

    /** jpackage wants N.N.N: "0.1.0-SNAPSHOT" becomes "0.1.0". */
    static String numericVersion(String version) {
        String numeric = version.replaceAll("[^0-9.].*$", "");
        return numeric.isEmpty() ? "1.0.0" : numeric;
    }

    private static String currentOs() {
        String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        return name.contains("win") ? "windows" : name.contains("mac") ? "mac" : "linux";
    }

    /** The tool of the JDK running this program. */
    private static String tool(String name) {
        Path bin = Path.of(System.getProperty("java.home"), "bin", name);
        return Files.exists(bin) ? bin.toString() : name;
    }

    private static List<String> strings(JsonArray array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.getAsString()));
        return out;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        System.out.println("> " + String.join(" ", command));
        Process process = new ProcessBuilder(command).inheritIO().start();
        int code = process.waitFor();
        if (code != 0) {
            throw new IllegalStateException(command.get(0) + " failed with exit code " + code);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
