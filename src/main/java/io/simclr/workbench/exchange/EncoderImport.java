package io.simclr.workbench.exchange;

import ai.djl.ndarray.NDManager;
import io.simclr.workbench.AppVersion;
import io.simclr.workbench.data.DataConfig;
import io.simclr.workbench.files.AtomicFiles;
import io.simclr.workbench.json.Json;
import io.simclr.workbench.model.EncoderKind;
import io.simclr.workbench.model.HeadKind;
import io.simclr.workbench.model.ModelConfig;
import io.simclr.workbench.model.ModelFactory;
import io.simclr.workbench.model.SimClrNetwork;
import io.simclr.workbench.model.StemKind;
import io.simclr.workbench.model.TorchNames;
import io.simclr.workbench.model.TorchTensor;
import ai.djl.training.ParameterStore;
import io.simclr.workbench.method.MethodContext;
import io.simclr.workbench.method.TrainingMethod;
import io.simclr.workbench.train.Checkpoint;
import io.simclr.workbench.train.CheckpointStore;
import io.simclr.workbench.train.EngineSetup;
import io.simclr.workbench.train.ParameterOptimizer;
import io.simclr.workbench.train.RunFolder;
import io.simclr.workbench.train.TrainConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Brings an encoder trained elsewhere (a safetensors file under torchvision's names) into a run
 * folder that every screen and command can evaluate, map and compare: {@code config.json}, one
 * checkpoint at epoch 0 holding the imported weights, no {@code metrics.csv}, and {@link #RECORD}
 * saying where the weights came from, which is also what marks the run as imported. The file is
 * checked whole (names, shapes, dtypes) before anything is written, and the folder appears whole or
 * not at all.
 */
public final class EncoderImport {

    /** The file in a run folder that marks it as imported and says from what. */
    public static final String RECORD = RunFolder.IMPORTED_RECORD;
    /** How many mismatches a refusal lists before it counts the rest. */
    static final int LISTED_MISMATCHES = 5;

    /**
     * @param encoder the encoder the weights are for; null takes the file's own word for it (its metadata)
     * @param stem    the stem; null takes the file's word, else torchvision's own (imagenet)
     * @param head    the projection head; null takes the one the file holds (none when it holds none)
     * @param data    the dataset the imported run is evaluated and mapped on
     * @param seed    the run's seed (its random-init baseline and any later training)
     */
    public record Settings(EncoderKind encoder, StemKind stem, HeadKind head, DataConfig data, long seed) {}

    /** The content of {@link #RECORD}. */
    public record Record(String source, String sha256, long bytes, String encoder, String stem, String head, int tensors, String namePrefix,
                         List<String> ignored, Map<String, String> fileMetadata, String created, String workbench) {}

    /** What was made. */
    public record Result(RunFolder run, Record record, List<String> notes) {}

    private EncoderImport() {}

    /**
     * Makes the run folder {@code out} from the weights in {@code file}.
     *
     * @throws IllegalArgumentException (one line, naming the file and what to do) when the file is not safetensors, is damaged, or does not
     *                                  fit the chosen encoder; or when {@code out} already holds something
     */
    public static Result importEncoder(Path file, Settings settings, Path out) throws IOException {
        if (Files.exists(out) && !isEmptyFolder(out)) {
            throw new IllegalArgumentException(out + " already exists; choose another --out for the imported run");
        }
        Safetensors.Header header = Safetensors.readHeader(file);
        Map<String, String> meta = header.metadata();
        EncoderKind encoder = settings.encoder() != null ? settings.encoder() : fromMetadata(file, meta);
        TorchNames.requireSupported(encoder);
        StemKind stem = settings.stem() != null ? settings.stem() : meta.containsKey("stem") ? parseStem(file, meta.get("stem")) : StemKind.IMAGENET;
        if (stem == StemKind.AUTO) {
            stem = stem.resolve(settings.data().effectiveImageSize(), encoder);
        }
        Matching names = Matching.of(header);
        HeadKind head = settings.head() != null ? settings.head() : names.headInFile();
        ModelConfig model = names.headConfig(file, encoder, stem, head);
        TrainConfig config = TrainConfig.defaults(settings.data()).withModel(model).withSeed(settings.seed()).validated("import");
        int imageSize = settings.data().effectiveImageSize();
        List<String> notes = new ArrayList<>();
        EngineSetup.seed(config.seed());
        try (NDManager manager = NDManager.newBaseManager()) {
            SimClrNetwork network = ModelFactory.create(model, imageSize);
            ModelFactory.initialize(network, manager, imageSize);
            List<TorchTensor> expected = TorchNames.of(network, head != HeadKind.NONE);
            String prefix = names.prefixFor(expected);
            List<String> mismatches = names.mismatches(expected, prefix, head == HeadKind.NONE, notes);
            if (!mismatches.isEmpty()) {
                throw doesNotFit(file, encoder, stem, mismatches, meta);
            }
            for (TorchTensor t : expected) {
                if (!t.isStepCounter()) {
                    float[] values = Safetensors.readF32(header, header.byName().get(prefix + t.name()));
                    t.parameter().getArray().set(values);
                }
            }
            Record record = new Record(file.toAbsolutePath().toString(), sha256(file), Files.size(file), encoder.id(), stem.id(), head.id(),
                    (int) expected.stream().filter(t -> !t.isStepCounter()).count(), prefix, names.ignored(), meta,
                    OffsetDateTime.now().toString(), AppVersion.app());
            RunFolder run = writeRun(out, config, network, record, manager);
            return new Result(run, record, notes);
        }
    }

    private static EncoderKind fromMetadata(Path file, Map<String, String> meta) {
        String id = meta.get("encoder");
        if (id == null) {
            throw new IllegalArgumentException(file + " does not say which encoder it holds; name it with --encoder (e.g. --encoder resnet18)");
        }
        try {
            return EncoderKind.parse(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " says it holds a '" + id + "' encoder, which this version does not know; name one with"
                    + " --encoder");
        }
    }

    private static StemKind parseStem(Path file, String id) {
        try {
            return StemKind.parse(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " says its stem is '" + id + "', which this version does not know; name one with --stem");
        }
    }

    private static IllegalArgumentException doesNotFit(Path file, EncoderKind encoder, StemKind stem, List<String> mismatches,
                                                       Map<String, String> meta) {
        StringBuilder text = new StringBuilder();
        text.append(file).append(" does not fit the ").append(encoder.id()).append(" encoder with the ").append(stem.id()).append(" stem: ");
        text.append(String.join("; ", mismatches.subList(0, Math.min(LISTED_MISMATCHES, mismatches.size()))));
        if (mismatches.size() > LISTED_MISMATCHES) {
            text.append(String.format(Locale.ROOT, " (and %d more)", mismatches.size() - LISTED_MISMATCHES));
        }
        if (meta.containsKey("encoder")) {
            text.append("; the file says it holds a ").append(meta.get("encoder")).append(" encoder")
                    .append(meta.containsKey("stem") ? " with the " + meta.get("stem") + " stem" : "");
        }
        text.append("; import it with the --encoder and --stem it was trained with");
        return new IllegalArgumentException(text.toString());
    }

    /** Builds the run in a hidden sibling folder, then renames it into place, so {@code out} appears whole or not at all. */
    private static RunFolder writeRun(Path out, TrainConfig config, SimClrNetwork network, Record record, NDManager manager) throws IOException {
        Path absolute = out.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path staging = Files.createTempDirectory(absolute.getParent(), "." + absolute.getFileName() + ".importing-");
        try {
            Path inside = staging.resolve("run");
            RunFolder run = RunFolder.create(inside, config);
            ParameterOptimizer optimizer = ParameterOptimizer.create(config.optimization().optimizer(), manager,
                    config.optimization().effectiveWeightDecay());
            // The method of an imported run is its config's (SimCLR by default); it has trained nothing, so its state is the initial one.
            TrainingMethod method = TrainingMethod.create(config.method(), new MethodContext(network, new ParameterStore(manager, false), manager,
                    config.data().effectiveImageSize(), 1, config.optimization().batchSize(), 1, 1, config.seed()));
            run.checkpoints().save(new Checkpoint(0, 0, 0, 0, 0, config.model().encoder().id()), network, optimizer, method);
            AtomicFiles.writeString(inside.resolve(RECORD), Json.toJson(record));
            if (Files.exists(absolute)) {
                Files.delete(absolute); // an empty folder, checked above
            }
            Files.move(inside, absolute, StandardCopyOption.ATOMIC_MOVE);
            return RunFolder.open(out);
        } finally {
            deleteTree(staging);
        }
    }

    private static boolean isEmptyFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file's entries held against the names a network expects. */
    private static final class Matching {
        private final Map<String, Safetensors.Entry> entries;
        private final List<String> ignored = new ArrayList<>();

        private Matching(Safetensors.Header header) {
            this.entries = header.byName();
        }

        static Matching of(Safetensors.Header header) {
            return new Matching(header);
        }

        List<String> ignored() {
            return List.copyOf(ignored);
        }

        /** The head the file holds, read from its names: none, a linear layer, an MLP with or without batch norm. */
        HeadKind headInFile() {
            String h = TorchNames.HEAD_PREFIX;
            if (entries.containsKey(h + "weight")) {
                return HeadKind.LINEAR;
            }
            if (entries.containsKey(h + "1.running_mean")) {
                return HeadKind.MLP;
            }
            if (entries.containsKey(h + "2.weight")) {
                return HeadKind.MLP_NO_BN;
            }
            return HeadKind.NONE;
        }

        /** The model config for this head, its widths read from the file's head weights. */
        ModelConfig headConfig(Path file, EncoderKind encoder, StemKind stem, HeadKind head) {
            if (head == HeadKind.NONE) {
                return new ModelConfig(encoder, stem, HeadKind.NONE, 128, 0);
            }
            String h = TorchNames.HEAD_PREFIX;
            String first = head == HeadKind.LINEAR ? h + "weight" : h + "0.weight";
            String last = switch (head) {
                case LINEAR -> h + "weight";
                case MLP -> h + "3.weight";
                default -> h + "2.weight";
            };
            Safetensors.Entry a = entries.get(first);
            Safetensors.Entry b = entries.get(last);
            if (a == null || b == null || a.shape().length != 2 || b.shape().length != 2) {
                throw new IllegalArgumentException(file + " holds no " + head.id() + " projection head (no " + (a == null ? first : last)
                        + " of two dimensions); import it with --head " + headInFile().id() + ", which is what it holds");
            }
            // A hidden width equal to the representation's is written as 0, as a run made here says it.
            int hidden = head == HeadKind.LINEAR || a.shape()[0] == a.shape()[1] ? 0 : (int) a.shape()[0];
            return new ModelConfig(encoder, stem, head, (int) b.shape()[0], hidden);
        }

        /** "" when the names are as expected, or the one prefix every expected name carries in the file ("module.", "backbone."). */
        String prefixFor(List<TorchTensor> expected) {
            String first = expected.get(0).name();
            if (entries.containsKey(first)) {
                return "";
            }
            for (String key : entries.keySet()) {
                if (key.endsWith("." + first)) {
                    String prefix = key.substring(0, key.length() - first.length());
                    if (expected.stream().filter(t -> !t.isStepCounter()).allMatch(t -> entries.containsKey(prefix + t.name()))) {
                        return prefix;
                    }
                }
            }
            return "";
        }

        /**
         * Every way the file differs from the network: names it lacks, shapes or dtypes that differ,
         * and names the network has no place for. torchvision's classifier ({@code fc.*},
         * {@code classifier.*}) and a head not asked for are passed over, and said in {@code notes}.
         */
        List<String> mismatches(List<TorchTensor> expected, String prefix, boolean headIgnored, List<String> notes) {
            List<String> problems = new ArrayList<>();
            Map<String, Safetensors.Entry> unused = new LinkedHashMap<>(entries);
            for (TorchTensor t : expected) {
                Safetensors.Entry e = unused.remove(prefix + t.name());
                if (t.isStepCounter()) {
                    continue; // PyTorch's own count; older state dicts lack it, and nothing here reads it
                }
                if (e == null) {
                    problems.add(t.name() + " is missing");
                } else if (!Arrays.equals(e.shape(), t.shape().getShape())) {
                    problems.add(String.format(Locale.ROOT, "%s is %s in the file but %s here", t.name(), Arrays.toString(e.shape()),
                            Arrays.toString(t.shape().getShape())));
                } else if (!e.dtype().equals("F32")) {
                    problems.add(t.name() + " is " + e.dtype() + " (the workbench reads F32: call model.float() before saving)");
                }
            }
            List<String> classifier = new ArrayList<>();
            List<String> head = new ArrayList<>();
            for (String name : unused.keySet()) {
                String bare = name.substring(name.startsWith(prefix) ? prefix.length() : 0);
                if (bare.startsWith("fc.") || bare.startsWith("classifier.")) {
                    classifier.add(name);
                } else if (headIgnored && bare.startsWith(TorchNames.HEAD_PREFIX)) {
                    head.add(name);
                } else {
                    problems.add(name + " has no place in this encoder");
                }
            }
            if (!classifier.isEmpty()) {
                notes.add("passed over torchvision's classifier (" + String.join(", ", classifier) + ")");
            }
            if (!head.isEmpty()) {
                notes.add("passed over the file's projection head (" + head.size() + " tensors; --head " + headInFile().id() + " imports it)");
            }
            if (!prefix.isEmpty()) {
                notes.add("the file's names start with '" + prefix + "'; read without it");
            }
            ignored.addAll(classifier);
            ignored.addAll(head);
            return problems;
        }
    }
}
