package io.simclr.workbench.cli;

import io.simclr.workbench.augment.AugmentationConfig;
import io.simclr.workbench.augment.AugmentationConfigJson;
import io.simclr.workbench.augment.AugmentationPipeline;
import io.simclr.workbench.augment.AugmentationPreset;
import io.simclr.workbench.augment.TwoViewGenerator;
import io.simclr.workbench.augment.ViewPairGrid;
import io.simclr.workbench.data.ImageDataset;
import io.simclr.workbench.data.ImageDecoder;
import io.simclr.workbench.data.ImageResampler;
import io.simclr.workbench.data.Seeds;
import io.simclr.workbench.files.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "preview", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Write a PNG grid of augmented view pairs: one row per image (original, view 1, view 2).")
final class PreviewCommand implements Callable<Integer> {

    private static final int SINGLE_IMAGE_SIZE = 96;

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "train", description = "train, test or unlabeled (stl10).")
    String split;

    @Option(names = "--image", paramLabel = "FILE", description = "One image file to augment instead of a dataset (loaded at --image-size, else 96 px).")
    Path image;

    @Option(names = "--pairs", paramLabel = "N", defaultValue = "8", description = "Rows (view pairs) in the grid.")
    int pairs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Picks the images and every random parameter; the same seed gives the same grid.")
    long seed;

    @Option(names = "--preset", paramLabel = "P", defaultValue = "auto",
            description = "simclr-imagenet, simclr-cifar, crop-only or shapes; auto = shapes for the built-in dataset, else simclr-cifar.")
    String preset;

    @Option(names = "--config", paramLabel = "FILE", description = "Augmentation config JSON (overrides --preset); may name a preset and list only changes.")
    Path config;

    @Option(names = "--view-size", paramLabel = "PX", defaultValue = "0", description = "Side of each view; 0 means the image size.")
    int viewSize;

    @Option(names = "--cell", paramLabel = "PX", defaultValue = "0", description = "Side each image is drawn at in the grid; 0 picks a readable size.")
    int cell;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "preview.png", description = "PNG file to write.")
    Path out;

    @Option(names = "--save-config", paramLabel = "FILE", description = "Also write the full augmentation config used, as JSON.")
    Path saveConfig;

    @Override
    public Integer call() throws IOException {
        PrintWriter log = spec.commandLine().getOut();
        if (pairs < 1 || pairs > 64) {
            throw new IllegalArgumentException("--pairs must be between 1 and 64, not " + pairs);
        }
        // A photo of one's own gets the photo recipe; a dataset gets its own default.
        AugmentationPreset named = AugmentationPreset.parse(preset, image != null ? io.simclr.workbench.data.DataSource.FOLDER : data.config().source());
        AugmentationConfig augmentation = config != null ? AugmentationConfigJson.read(config) : named.config();
        String augmentationName = config != null ? config.getFileName().toString() : named.id();

        List<String> labels = new ArrayList<>();
        List<byte[]> originals = new ArrayList<>();
        int side;
        String source;
        if (image != null) {
            side = data.imageSize > 0 ? data.imageSize : SINGLE_IMAGE_SIZE;
            byte[] pixels = ImageDecoder.decodeSquare(image, side);
            for (int i = 0; i < pairs; i++) {
                originals.add(pixels);
                labels.add(image.getFileName().toString());
            }
            source = image.getFileName().toString();
        } else {
            ImageDataset dataset = data.load(DataOptions.parseSplit(split), log).dataset();
            side = dataset.imageSize();
            for (int index : sample(dataset.size(), Math.min(pairs, dataset.size()), seed)) {
                originals.add(dataset.pixels(index));
                int label = dataset.label(index);
                labels.add((label == ImageDataset.UNLABELED ? "" : dataset.classNames().get(label) + " ") + "#" + index);
            }
            source = dataset.description();
        }
        int views = viewSize > 0 ? viewSize : side;
        AugmentationPipeline pipeline = new AugmentationPipeline(augmentation, views);
        TwoViewGenerator generator = new TwoViewGenerator(pipeline);
        List<ViewPairGrid.Row> rows = new ArrayList<>();
        for (int r = 0; r < originals.size(); r++) {
            float[][] pair = generator.generate(originals.get(r), side, Seeds.derive(seed, r));
            rows.add(new ViewPairGrid.Row(labels.get(r), ImageResampler.toFloat(originals.get(r)), side, pair[0], pair[1], views));
        }
        int cellSize = cell > 0 ? cell : Math.max(96, Math.min(192, 3 * Math.max(side, views)));
        String how = String.format("augmentations: %s · seed %d · views %d px", augmentationName, seed, views);
        BufferedImage grid = ViewPairGrid.render(rows, cellSize, source, how);
        AtomicFiles.write(out, tmp -> {
            if (!ImageIO.write(grid, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
        if (saveConfig != null) {
            Files.writeString(saveConfig, AugmentationConfigJson.toJson(augmentation));
        }
        log.printf("wrote %s (%d pairs, %dx%d px)%n", out, rows.size(), grid.getWidth(), grid.getHeight());
        return 0;
    }

    /** {@code count} distinct indices below {@code n}, chosen by {@code seed}. */
    static int[] sample(int n, int count, long seed) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, 0xbeef));
        for (int i = 0; i < count; i++) {
            int j = i + rng.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return java.util.Arrays.copyOf(all, count);
    }
}
