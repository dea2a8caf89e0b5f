package io.simclr.workbench.exchange;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import io.simclr.workbench.AppVersion;
import io.simclr.workbench.data.DatasetLoader;
import io.simclr.workbench.data.ImageDataset;
import io.simclr.workbench.data.Split;
import io.simclr.workbench.eval.BatchNormStatistics;
import io.simclr.workbench.files.AtomicFiles;
import io.simclr.workbench.json.Json;
import io.simclr.workbench.model.HeadKind;
import io.simclr.workbench.model.ModelConfig;
import io.simclr.workbench.model.ModelFactory;
import io.simclr.workbench.model.SimClrNetwork;
import io.simclr.workbench.model.StemKind;
import io.simclr.workbench.model.TorchNames;
import io.simclr.workbench.model.TorchTensor;
import io.simclr.workbench.train.Checkpoint;
import io.simclr.workbench.train.CheckpointStore;
import io.simclr.workbench.train.EngineSetup;
import io.simclr.workbench.train.RunFolder;
import io.simclr.workbench.train.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's encoder (and, if asked, its projection head) as a safetensors file under torchvision's
 * names, with a JSON beside it saying what it is: encoder, stem, head, image size, the input scaling,
 * which run and checkpoint it came from, and the Python that loads it. One call from a button or
 * the {@code export} command: {@code PyTorchExport.export(run, out, includeHead)}.
 */
public final class PyTorchExport {

    /** What was written. */
    public record Result(Path weights, Path description, int tensors, long bytes, Description what) {}

    /** The JSON beside the weights. */
    public record Description(String weights, String encoder, String torchvisionModel, Stem stem, int representationDim, Head head,
                              int imageSize, Normalization normalization, Source source, List<String> python, int tensors, String created,
                              String workbench, String batchNorm) {}

    /** @param torchvision whether torchvision's model as built has this stem */
    public record Stem(String id, String description, boolean torchvision, String note) {}

    /** @param pytorch the head as a torch.nn module, its layer numbers as in the file (under {@code prefix}) */
    public record Head(String id, boolean included, String prefix, int headDim, int hiddenDim, String pytorch) {}

    public record Normalization(String input, double[] mean, double[] std, String note) {}

    public record Source(String run, String checkpoint, int epoch, long globalStep, String dataset, String imported) {}

    /** What the workbench feeds its encoders: RGB pixels divided by 255, nothing subtracted. */
    static final Normalization INPUT = new Normalization("RGB, channels first, pixels divided by 255 into [0, 1]", new double[] {0, 0, 0},
            new double[] {1, 1, 1}, "no mean/std normalisation: feed the model x = image / 255 (torchvision's ToTensor() alone)");

    private PyTorchExport() {}

    /** The description's path for a weights file: {@code encoder.safetensors} → {@code encoder.json}. */
    public static Path descriptionFile(Path weights) {
        String name = weights.getFileName().toString();
        String stem = name.endsWith(".safetensors") ? name.substring(0, name.length() - ".safetensors".length()) : name;
        return weights.resolveSibling(stem + ".json");
    }

    /**
     * Exports the newest usable checkpoint of {@code run}. Checks everything before writing anything;
     * both files are written whole or not at all.
     *
     * @throws IllegalArgumentException (one line) for a run without a usable checkpoint, an encoder with no PyTorch names, a bad {@code out}
     */
    public static Result export(RunFolder run, Path out, boolean includeHead) throws IOException {
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException(out + " is a folder; give the file to write, e.g. " + out.resolve("encoder.safetensors"));
        }
        Path description = descriptionFile(out);
        if (description.equals(out)) {
            throw new IllegalArgumentException(out + ": name the weights file *.safetensors, so its description can go beside it as *.json");
        }
        TrainConfig config = run.readConfig();
        TorchNames.requireSupported(config.model().encoder());
        CheckpointStore.Found found = run.checkpoints().newestUsable();
        Checkpoint position = CheckpointStore.readPosition(found.file());
        int imageSize = config.data().effectiveImageSize();
        StemKind stem = config.model().stem().resolve(imageSize, config.model().encoder());
        boolean withHead = includeHead && config.model().head() != HeadKind.NONE;
        List<Safetensors.Tensor> tensors = new ArrayList<>();
        Description what;
        EngineSetup.seed(config.seed());
        EngineSetup.gradientsOnlyInCollectors();
        try (NDManager manager = NDManager.newBaseManager()) {
            SimClrNetwork network = ModelFactory.create(config.model(), imageSize);
            ModelFactory.initialize(network, manager, imageSize);
            try {
                CheckpointStore.load(found.file(), network, null, null, manager);
            } catch (MalformedModelException e) {
                throw new IllegalArgumentException(found.file() + " cannot be read (" + e.getMessage() + "); move it out of checkpoints/ to"
                        + " export the one before", e);
            }
            // The weights as every evaluation reads them: statistics a short run left stale are re-estimated, as RunEncoder does.
            String batchNorm = BatchNormStatistics.refreshIfStale(network, position.globalStep(), imageSize, () -> trainImages(config),
                    manager).orElse(null);
            for (TorchTensor t : TorchNames.of(network, withHead)) {
                tensors.add(tensor(t, position.globalStep()));
            }
            TorchNames.Twin twin = TorchNames.twin(config.model(), stem, network.representationDim());
            what = describe(run, out, config, stem, network.representationDim(), withHead, twin, found.file(), position, tensors.size(),
                    batchNorm);
        }
        Safetensors.write(out, tensors, metadata(what));
        AtomicFiles.writeString(description, Json.toJson(what));
        return new Result(out, description, tensors.size(), Files.size(out), what);
    }

    /** A step counter is written as the run's training steps, the count PyTorch would have kept. */
    private static Safetensors.Tensor tensor(TorchTensor t, long steps) {
        long[] shape = t.shape().getShape();
        if (t.isStepCounter()) {
            return Safetensors.Tensor.i64(t.name(), shape, new long[] {steps});
        }
        return Safetensors.Tensor.f32(t.name(), shape, t.parameter().getArray().toFloatArray());
    }

    private static Description describe(RunFolder run, Path out, TrainConfig config, StemKind stem, int representationDim, boolean withHead,
                                        TorchNames.Twin twin, Path checkpoint, Checkpoint position, int tensors, String batchNorm) {
        ModelConfig model = config.model();
        String headModule = twin.head();
        Head head = new Head(model.head().id(), withHead, withHead ? TorchNames.HEAD_PREFIX : null, model.head() == HeadKind.NONE ? 0 : model.headDim(),
                model.hiddenDim() > 0 ? model.hiddenDim() : representationDim, headModule);
        List<String> python = new ArrayList<>();
        python.add("import torch, torchvision");
        python.add("from safetensors.torch import load_file");
        python.addAll(twin.python());
        python.add("state = load_file(\"" + out.getFileName() + "\")");
        if (withHead) {
            python.add("head = " + headModule);
            python.add("head.load_state_dict({k[len(\"" + TorchNames.HEAD_PREFIX + "\"):]: v for k, v in state.items() if k.startswith(\""
                    + TorchNames.HEAD_PREFIX + "\")})");
            python.add("model.load_state_dict({k: v for k, v in state.items() if not k.startswith(\"" + TorchNames.HEAD_PREFIX + "\")})");
        } else {
            python.add("model.load_state_dict(state)");
        }
        python.add("model.eval()  # h = model(images / 255.0), images as N x 3 x " + config.data().effectiveImageSize() + " x "
                + config.data().effectiveImageSize() + " RGB");
        String imported = Files.exists(run.root().resolve(EncoderImport.RECORD)) ? run.root().resolve(EncoderImport.RECORD).toString() : null;
        return new Description(out.getFileName().toString(), model.encoder().id(), twin.torchvisionModel(),
                new Stem(stem.id(), TorchNames.stemDescription(model.encoder(), stem), twin.stemIsTorchvisions(), twin.stemNote()),
                representationDim, head, config.data().effectiveImageSize(), INPUT,
                new Source(run.root().toString(), checkpoint.getFileName().toString(), position.epoch(), position.globalStep(),
                        config.data().source().id(), imported),
                python, tensors, OffsetDateTime.now().toString(), AppVersion.app(), batchNorm);
    }

    private static ImageDataset trainImages(TrainConfig config) {
        try {
            return DatasetLoader.load(config.data(), Split.TRAIN).dataset();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("this run trained too few steps for its batch norms' running statistics to mean anything,"
                    + " so they are re-estimated from its training images before export, and those could not be read: " + e.getMessage(), e);
        }
    }

    /** The header's {@code __metadata__}: strings only, as the format asks; what {@link EncoderImport} reads back. */
    static Map<String, String> metadata(Description d) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", "pt");
        m.put("producer", "SimCLR Workbench " + d.workbench());
        m.put("encoder", d.encoder());
        m.put("stem", d.stem().id());
        m.put("stem_note", d.stem().note());
        if (d.torchvisionModel() != null) {
            m.put("torchvision_model", d.torchvisionModel());
        }
        m.put("representation_dim", String.valueOf(d.representationDim()));
        m.put("head", d.head().included() ? d.head().id() : "none");
        m.put("image_size", String.valueOf(d.imageSize()));
        m.put("input", d.normalization().input());
        m.put("source_run", d.source().run());
        m.put("checkpoint", d.source().checkpoint());
        return m;
    }
}
