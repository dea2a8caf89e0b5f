package io.simclr.workbench.app.augment;

import io.simclr.workbench.augment.AugmentationConfig;
import io.simclr.workbench.augment.AugmentationPipeline;
import io.simclr.workbench.augment.AugmentationPreset;
import io.simclr.workbench.augment.TwoViewGenerator;
import io.simclr.workbench.augment.ViewPairGrid;
import io.simclr.workbench.data.ImageDataset;
import io.simclr.workbench.data.ImageResampler;
import io.simclr.workbench.data.Seeds;
import io.simclr.workbench.data.ShapesDataset;
import io.simclr.workbench.data.Split;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import io.simclr.workbench.app.Lesson;
import io.simclr.workbench.app.LessonPart;
import io.simclr.workbench.app.Workers;
import java.util.concurrent.Executor;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;

/**
 * The state of the Augmentations screen: a preset, the strengths a teacher changes, a seed; and the
 * grid of view pairs they produce. The grid is made on a background thread whenever a setting
 * changes; only the newest request's picture is shown, so dragging a slider never queues work.
 */
public final class AugmentationsViewModel implements LessonPart {

    public final ObjectProperty<AugmentationPreset> preset = new SimpleObjectProperty<>(AugmentationPreset.defaultFor(io.simclr.workbench.data.DataSource.SHAPES));
    public final BooleanProperty crop = new SimpleBooleanProperty();
    public final DoubleProperty cropMinScale = new SimpleDoubleProperty();
    public final BooleanProperty flip = new SimpleBooleanProperty();
    public final BooleanProperty colorJitter = new SimpleBooleanProperty();
    /** A multiplier of the preset's colour jitter: 1 is the preset's own, 0 none, 2 twice as strong. */
    public final DoubleProperty colorStrength = new SimpleDoubleProperty(1);
    public final DoubleProperty grayscaleP = new SimpleDoubleProperty();
    public final BooleanProperty blur = new SimpleBooleanProperty();
    public final BooleanProperty rotation = new SimpleBooleanProperty();
    public final BooleanProperty cutout = new SimpleBooleanProperty();
    public final BooleanProperty noise = new SimpleBooleanProperty();
    public final BooleanProperty sobel = new SimpleBooleanProperty();
    public final DoubleProperty colorP = new SimpleDoubleProperty();
    public final DoubleProperty blurP = new SimpleDoubleProperty();
    public final IntegerProperty seed = new SimpleIntegerProperty(1);
    public final IntegerProperty pairs = new SimpleIntegerProperty(8);
    public final IntegerProperty viewSize = new SimpleIntegerProperty(96);

    private final ReadOnlyObjectWrapper<Image> grid = new ReadOnlyObjectWrapper<>();
    private volatile ViewPairGrid.Colours colours = ViewPairGrid.Colours.LIGHT;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ExecutorService worker = Workers.daemon("augmentation-preview");
    private final Executor ui;
    private final AtomicLong requested = new AtomicLong();
    private volatile ImageDataset dataset;
    private boolean applyingPreset;

    public AugmentationsViewModel(Executor ui) {
        this(builtInShapes(), ui);
    }

    public AugmentationsViewModel(ImageDataset dataset, Executor ui) {
        this.dataset = dataset;
        this.ui = ui;
        applyPreset(preset.get());
        preset.addListener((o, was, now) -> applyPreset(now));
        for (Observable p : List.of(crop, cropMinScale, flip, colorJitter, colorStrength, colorP, grayscaleP, blur, blurP, rotation, cutout, noise,
                sobel, seed, pairs, viewSize)) {
            p.addListener(o -> {
                if (!applyingPreset) {
                    refresh();
                }
            });
        }
        refresh();
    }

    public ReadOnlyObjectProperty<Image> gridProperty() {
        return grid.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    private static ImageDataset builtInShapes() {
        return ShapesDataset.generate(Split.TRAIN, 200, 32, 0);
    }

    /** Back to the built-in shapes. */
    public void useShapes() {
        dataset = builtInShapes();
        refresh();
    }

    /**
     * Shows views of another dataset: a CIFAR-10, STL-10 or class-folder dataset folder (by {@code source}),
     * or one image file (every row then shows new views of it). Loaded off the UI thread.
     */
    public void useDataset(io.simclr.workbench.data.DataSource source, java.nio.file.Path path) {
        status.set("loading " + path.getFileName() + " …");
        worker.execute(() -> {
            try {
                ImageDataset loaded;
                if (java.nio.file.Files.isRegularFile(path)) {
                    int side = 96;
                    byte[] pixels = io.simclr.workbench.data.ImageDecoder.decodeSquare(path, side);
                    loaded = new io.simclr.workbench.data.InMemoryImageDataset(path.getFileName().toString(), side, new byte[][] {pixels},
                            new int[] {0}, List.of(path.getFileName().toString()));
                } else {
                    loaded = io.simclr.workbench.data.DatasetLoader.load(io.simclr.workbench.data.DataConfig.of(source, path), Split.TRAIN)
                            .dataset();
                }
                dataset = loaded;
                ui.execute(this::refresh);
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    status.set("could not load " + path);
                    error.set(e.getMessage());
                });
            }
        });
    }

    /** A message for a dialog; the view shows it and clears it. */
    public final javafx.beans.property.StringProperty error = new javafx.beans.property.SimpleStringProperty();

    /** New random views of the same images. */
    public void reshuffle() {
        seed.set(seed.get() + 1);
    }

    /** The pipeline the controls describe, starting from the preset's. */
    public AugmentationConfig config() {
        AugmentationConfig base = preset.get().config();
        var jitter = base.colorJitter();
        double k = colorStrength.get();
        return new AugmentationConfig(
                new AugmentationConfig.Crop(crop.get(), cropMinScale.get(), base.crop().scaleMax(), base.crop().ratioMin(), base.crop().ratioMax()),
                new AugmentationConfig.Flip(flip.get(), base.flip().p()),
                new AugmentationConfig.Rotation(rotation.get(), base.rotation().p(), base.rotation().rightAnglesOnly(),
                        base.rotation().maxDegrees()),
                new AugmentationConfig.ColorJitterSettings(colorJitter.get() && k > 0, colorP.get(), k * jitter.brightness(),
                        k * jitter.contrast(), k * jitter.saturation(), Math.min(0.5, k * jitter.hue())),
                new AugmentationConfig.Grayscale(grayscaleP.get() > 0, grayscaleP.get() > 0 ? grayscaleP.get() : base.grayscale().p()),
                new AugmentationConfig.Blur(blur.get(), blurP.get(), base.blur().kernelFraction(), base.blur().sigmaMin(),
                        base.blur().sigmaMax()),
                new AugmentationConfig.Noise(noise.get(), base.noise().p(), base.noise().std()),
                new AugmentationConfig.CutoutSettings(cutout.get(), base.cutout().p(), base.cutout().sizeMin(), base.cutout().sizeMax()),
                new AugmentationConfig.Sobel(sobel.get(), base.sobel().p()));
    }

    private void applyPreset(AugmentationPreset p) {
        AugmentationConfig c = p.config();
        applyingPreset = true;
        try {
            crop.set(c.crop().enabled());
            cropMinScale.set(c.crop().scaleMin());
            flip.set(c.flip().enabled());
            colorJitter.set(c.colorJitter().enabled());
            colorStrength.set(1.0);
            grayscaleP.set(c.grayscale().enabled() ? c.grayscale().p() : 0);
            blur.set(c.blur().enabled());
            rotation.set(c.rotation().enabled());
            cutout.set(c.cutout().enabled());
            noise.set(c.noise().enabled());
            sobel.set(c.sobel().enabled());
            colorP.set(c.colorJitter().p());
            blurP.set(c.blur().p());
        } finally {
            applyingPreset = false;
        }
        refresh();
    }

    /** Draws the grid in the window's theme. */
    public void setColours(ViewPairGrid.Colours now) {
        if (!now.equals(colours)) {
            colours = now;
            refresh();
        }
    }

    private void refresh() {
        long ticket = requested.incrementAndGet();
        AugmentationConfig config = config();
        int rows = pairs.get();
        int size = viewSize.get();
        long base = seed.get();
        worker.execute(() -> {
            if (requested.get() != ticket) {
                return; // a newer request is already queued
            }
            long start = System.nanoTime();
            BufferedImage picture = render(config, rows, size, base);
            Image image = SwingFXUtils.toFXImage(picture, null);
            double ms = (System.nanoTime() - start) / 1e6;
            ui.execute(() -> {
                if (requested.get() == ticket) {
                    grid.set(image);
                    status.set(String.format("%d pairs at %d px in %.0f ms · seed %d", rows, size, ms, base));
                }
            });
        });
    }

    private BufferedImage render(AugmentationConfig config, int rows, int size, long base) {
        TwoViewGenerator generator = new TwoViewGenerator(new AugmentationPipeline(config.validated(), size));
        List<ViewPairGrid.Row> list = new ArrayList<>();
        ImageDataset dataset = this.dataset;
        int side = dataset.imageSize();
        for (int r = 0; r < rows; r++) {
            int index = (int) Math.floorMod(Seeds.derive(0, r), (long) dataset.size());
            byte[] pixels = dataset.pixels(index);
            float[][] pair = generator.generate(pixels, side, Seeds.derive(base, r));
            int classIndex = dataset.label(index);
            String label = (classIndex >= 0 ? dataset.classNames().get(classIndex) + " " : "") + "#" + index;
            list.add(new ViewPairGrid.Row(label, ImageResampler.toFloat(pixels), side, pair[0], pair[1], size));
        }
        boolean edited = !config.equals(preset.get().config());
        return ViewPairGrid.render(list, 120, dataset.description(),
                "augmentations: " + preset.get().id() + (edited ? " (edited)" : "") + " · seed " + base, colours);
    }

    /** Whether the controls differ from the chosen preset. */
    public boolean edited() {
        return !config().equals(preset.get().config());
    }

    @Override
    public void apply(Lesson lesson) {
        if (lesson.preset() != null) {
            preset.set(AugmentationPreset.parse(lesson.preset()));
        }
        if (lesson.augmentation() != null) {
            AugmentationConfig a = lesson.augmentation();
            var base = preset.get().config().colorJitter();
            crop.set(a.crop().enabled());
            cropMinScale.set(a.crop().scaleMin());
            flip.set(a.flip().enabled());
            rotation.set(a.rotation().enabled());
            colorJitter.set(a.colorJitter().enabled());
            colorStrength.set(base.brightness() > 0 ? a.colorJitter().brightness() / base.brightness() : 1);
            grayscaleP.set(a.grayscale().enabled() ? a.grayscale().p() : 0);
            blur.set(a.blur().enabled());
            blurP.set(a.blur().p());
            colorP.set(a.colorJitter().p());
            cutout.set(a.cutout().enabled());
            noise.set(a.noise().enabled());
            sobel.set(a.sobel().enabled());
        }
        seed.set(lesson.seed());
    }

    @Override
    public Lesson capture(Lesson lesson) {
        return lesson.withAugmentations(preset.get().id(), config(), seed.get());
    }

    public void dispose() {
        worker.shutdownNow();
    }
}
