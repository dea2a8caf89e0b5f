package io.simclr.workbench.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.simclr.workbench.json.Json;
import io.simclr.workbench.method.MethodConfig;
import io.simclr.workbench.method.MethodKind;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/**
 * {@code --method} and the methods' settings as flags. Each flag sets one key of the chosen method's
 * config section ({@code --queue-size} is {@code method.moco.queueSize} for MoCo); a flag of a key the
 * chosen method does not have is refused, naming the methods that have it.
 */
final class MethodOptions {

    @Option(names = "--method", paramLabel = "NAME", defaultValue = "simclr",
            description = "Self-supervised method: simclr, moco, memory-bank, byol, simsiam, barlow-twins or swav (each is described below).")
    String method;

    @Option(names = "--temperature", paramLabel = "TAU",
            description = "Loss temperature (> 0): simclr 0.2 for shapes, else 0.5; moco 0.2; memory-bank 0.07; swav 0.1.")
    Double temperature;

    @Option(names = "--momentum", paramLabel = "M",
            description = "moco, byol: the target's moving-average momentum at the start (0.99); memory-bank: the weight a stored feature keeps when its image is seen again (0.5). In [0, 1).")
    Double momentum;

    @Option(names = "--momentum-end", paramLabel = "M",
            description = "moco, byol: the momentum a cosine schedule reaches at the end of the run (moco 0.99, i.e. constant; byol 1).")
    Double momentumEnd;

    @Option(names = "--queue-size", paramLabel = "N",
            description = "moco: keys kept as negatives (4096); swav: past embeddings per view added to Sinkhorn's batch (0 = none). A multiple of --batch.")
    Integer queueSize;

    @Option(names = "--bn-splits", paramLabel = "N",
            description = "moco: batch-norm groups per view, keys over a shuffled batch; 1 = the whole batch; 0 (default) = as many groups"
                    + " of 8 or more images as the batch fills, up to 8.")
    Integer batchNormSplits;

    @Option(names = "--negatives", paramLabel = "N", description = "memory-bank: memories drawn as negatives each step (4096).")
    Integer negatives;

    @Option(names = "--predictor-hidden-dim", paramLabel = "N",
            description = "byol, simsiam: hidden width of the predictor; 0 = byol: the head's hidden width, simsiam: a quarter of the projection's.")
    Integer predictorHiddenDim;

    @Option(names = "--no-stop-gradient", description = "simsiam: let gradients through the target branch (it collapses).")
    boolean noStopGradient;

    @Option(names = "--no-predictor", description = "simsiam: no predictor (it collapses).")
    boolean noPredictor;

    @Option(names = "--lambda", paramLabel = "L", description = "barlow-twins: weight of the off-diagonal terms (0.0051).")
    Double lambda;

    @Option(names = "--prototypes", paramLabel = "K", description = "swav: learnable prototypes (100).")
    Integer prototypes;

    @Option(names = "--sinkhorn-iterations", paramLabel = "N", description = "swav: Sinkhorn-Knopp iterations (3).")
    Integer sinkhornIterations;

    @Option(names = "--sinkhorn-epsilon", paramLabel = "E", description = "swav: Sinkhorn-Knopp's epsilon (0.05).")
    Double sinkhornEpsilon;

    @Option(names = "--freeze-prototypes-epochs", paramLabel = "E", description = "swav: epochs at the start with the prototypes held still (1).")
    Integer freezePrototypesEpochs;

    /** A settings flag, the key of the method section it sets, and whether it sets that key to false (a --no- switch). */
    private record Flag(String name, String key, boolean switchesOff) {}

    private static final List<Flag> FLAGS = List.of(new Flag("--temperature", "temperature", false), new Flag("--momentum", "momentum", false),
            new Flag("--momentum-end", "finalMomentum", false), new Flag("--queue-size", "queueSize", false),
            new Flag("--bn-splits", "batchNormSplits", false), new Flag("--negatives", "negatives", false),
            new Flag("--predictor-hidden-dim", "predictorHiddenDim", false), new Flag("--no-stop-gradient", "stopGradient", true),
            new Flag("--no-predictor", "predictor", true), new Flag("--lambda", "lambda", false), new Flag("--prototypes", "prototypes", false),
            new Flag("--sinkhorn-iterations", "sinkhornIterations", false), new Flag("--sinkhorn-epsilon", "sinkhornEpsilon", false),
            new Flag("--freeze-prototypes-epochs", "freezePrototypesEpochs", false));

    /** The method typed with --method, if it was typed. */
    MethodKind typedKind(ParseResult parsed) {
        return parsed.hasMatchedOption("--method") ? MethodKind.parse(method) : null;
    }

    /**
     * {@code defaults} (a method's) with the settings flags the user typed.
     *
     * @throws IllegalArgumentException for a flag of another method, naming the methods that have it
     */
    MethodConfig config(MethodConfig defaults, ParseResult parsed) {
        JsonObject section = new JsonObject();
        for (Flag flag : typed(defaults.name(), parsed)) {
            OptionSpec option = parsed.matchedOption(flag.name());
            Object value = option.getValue();
            section.add(flag.key(), flag.switchesOff() ? new JsonPrimitive(false) : new JsonPrimitive((Number) value));
        }
        JsonObject overrides = new JsonObject();
        overrides.add(defaults.name().id(), section);
        return Json.overlay(defaults, overrides, MethodConfig.class, "command line");
    }

    /** The config keys the typed settings flags set, as paths ("method.moco.queueSize"), for laying them over a --config file. */
    List<String> paths(MethodKind kind, ParseResult parsed) {
        List<String> paths = new ArrayList<>();
        if (parsed.hasMatchedOption("--method")) {
            paths.add("method.name");
        }
        for (Flag flag : typed(kind, parsed)) {
            paths.add("method." + kind.id() + "." + flag.key());
        }
        return paths;
    }

    /** The settings flags typed, each checked against the method's section. */
    private static List<Flag> typed(MethodKind kind, ParseResult parsed) {
        List<Flag> typed = FLAGS.stream().filter(f -> parsed.hasMatchedOption(f.name())).toList();
        for (Flag flag : typed) {
            if (!keysOf(kind).contains(flag.key())) {
                String owners = Stream.of(MethodKind.values()).filter(k -> keysOf(k).contains(flag.key())).map(MethodKind::id)
                        .collect(Collectors.joining(" and "));
                throw new IllegalArgumentException(flag.name() + " is a setting of " + owners + ", not of " + kind.id()
                        + " (--method " + kind.id() + ")");
            }
        }
        return typed;
    }

    private static java.util.Set<String> keysOf(MethodKind kind) {
        JsonElement section = Json.GSON.toJsonTree(MethodConfig.defaults(kind, 0.5).settings());
        return section.getAsJsonObject().keySet();
    }

    /** Adds the methods and what keeps each from collapsing to the end of {@code command}'s help. */
    static void describeMethodsIn(CommandLine command) {
        command.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, help -> {
            int width = help.commandSpec().usageMessage().width();
            StringBuilder text = new StringBuilder(String.format("%nMethods, and what keeps each from collapsing:%n"));
            for (MethodKind kind : MethodKind.values()) {
                StringBuilder line = new StringBuilder(String.format("  %-13s", kind.id()));
                for (String word : kind.description().split(" ")) {
                    if (line.length() + 1 + word.length() > width) {
                        text.append(line).append(System.lineSeparator());
                        line = new StringBuilder(" ".repeat(15));
                    }
                    line.append(' ').append(word);
                }
                text.append(line).append(System.lineSeparator());
            }
            return text.toString();
        });
    }
}
