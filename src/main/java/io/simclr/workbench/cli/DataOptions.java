package io.simclr.workbench.cli;

import io.simclr.workbench.data.DataConfig;
import io.simclr.workbench.data.DataSource;
import io.simclr.workbench.data.LoadedDataset;
import io.simclr.workbench.data.DatasetLoader;
import io.simclr.workbench.data.Split;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The dataset options every data-reading command shares. */
public final class DataOptions {

    @Option(names = "--data", paramLabel = "SET", defaultValue = "shapes",
            description = "Dataset: shapes (built in), cifar10, stl10 or folder (class sub-folders or Tiny ImageNet).")
    String data;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Folder of the cifar10, stl10 or folder dataset.")
    Path dataDir;

    @Option(names = "--image-size", paramLabel = "PX", defaultValue = "0",
            description = "Side length images are loaded at; 0 keeps the dataset's own (shapes 32, cifar10 32, stl10 96, folder 64).")
    int imageSize;

    @Option(names = "--shapes-count", paramLabel = "N", defaultValue = "5000",
            description = "Images generated for the shapes train split (the test split has a fifth).")
    int shapesCount;

    public DataConfig config() {
        DataSource source = DataSource.parse(data);
        if (source != DataSource.SHAPES && dataDir == null) {
            throw new IllegalArgumentException("--data " + source.id() + " needs --data-dir pointing at its folder");
        }
        DataConfig config = DataConfig.of(source, dataDir).withImageSize(imageSize).withShapesCount(shapesCount);
        List<String> problems = config.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems).replace("data.imageSize", "--image-size")
                    .replace("data.trainCount", "--shapes-count").replace("data.dataDir", "--data-dir"));
        }
        return config;
    }

    static Split parseSplit(String text) {
        for (Split s : Split.values()) {
            if (s.id().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown split '" + text + "'; choose train, test or unlabeled");
    }

    /** Loads a split, printing what was loaded and any files skipped. */
    public LoadedDataset load(Split split, PrintWriter out) {
        LoadedDataset loaded = DatasetLoader.load(config(), split);
        out.println(loaded.summary());
        int shown = 0;
        for (var skipped : loaded.skipped()) {
            if (shown++ == 10) {
                out.printf("  … and %d more%n", loaded.skipped().size() - 10);
                break;
            }
            out.println("  skipped " + skipped);
        }
        out.flush();
        return loaded;
    }
}
