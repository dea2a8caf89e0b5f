package io.simclr.workbench.app.embed;

import io.simclr.workbench.embed.MapPicture;
import io.simclr.workbench.embed.RunMap;
import io.simclr.workbench.files.AtomicFiles;
import io.simclr.workbench.embed.Tsne;
import io.simclr.workbench.eval.FeatureExtractor;
import io.simclr.workbench.train.RunFolder;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import io.simclr.workbench.app.RunCatalog;
import io.simclr.workbench.app.Workers;
import io.simclr.workbench.data.DatasetLoader;
import io.simclr.workbench.data.Split;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The state of the Embeddings screen: the current run's sampled test images, their map as it forms
 * (t-SNE reports every 10 iterations; only the newest coordinates are handed to the UI thread), pause
 * and cancel, the class to highlight and the point whose neighbours are shown.
 */
public final class EmbeddingsViewModel {

    /** Points mapped by default: enough for every class to form a cluster, few enough for a map in seconds. */
    static final int DEFAULT_POINTS = 2_000;

    public final IntegerProperty points = new SimpleIntegerProperty(DEFAULT_POINTS);
    /** Test images the current run's dataset has: the most points a map can show (0 until known). */
    public final IntegerProperty testImages = new SimpleIntegerProperty();
    /** A second run mapped beside the current one on the same test images (an imported encoder beside one trained here); null for none. */
    public final ObjectProperty<Path> beside = new SimpleObjectProperty<>();
    public final ObjectProperty<float[]> besideCoordinates = new SimpleObjectProperty<>();
    public final ObjectProperty<RunMap.Sample> besideSample = new SimpleObjectProperty<>();
    public final DoubleProperty perplexity = new SimpleDoubleProperty(30);
    public final ObjectProperty<RunMap.Sample> sample = new SimpleObjectProperty<>();
    /** n x 2 coordinates of the current map; replaced (never mutated) as the map forms. */
    public final ObjectProperty<float[]> coordinates = new SimpleObjectProperty<>();
    public final IntegerProperty iteration = new SimpleIntegerProperty();
    /** How the map on screen was made, for its title when exported. */
    public final javafx.beans.property.ObjectProperty<RunMap.Method> method = new javafx.beans.property.SimpleObjectProperty<>(RunMap.Method.TSNE);
    public final BooleanProperty running = new SimpleBooleanProperty();
    public final BooleanProperty paused = new SimpleBooleanProperty();
    /** Class to highlight, -1 for all. */
    public final IntegerProperty highlightedClass = new SimpleIntegerProperty(-1);
    public final IntegerProperty selected = new SimpleIntegerProperty(-1);
    public final ObjectProperty<int[]> neighbours = new SimpleObjectProperty<>(new int[0]);
    public final StringProperty status = new SimpleStringProperty("choose a run, then t-SNE or PCA");
    public final StringProperty error = new SimpleStringProperty();

    private final RunCatalog catalog;
    private final Executor ui;
    private final ExecutorService worker = Workers.daemon("embedding-map");
    private final AtomicReference<float[]> latest = new AtomicReference<>();
    private final Object pauseLock = new Object();
    private volatile boolean cancel;
    private volatile boolean holding;

    public EmbeddingsViewModel(RunCatalog catalog, Executor ui) {
        this.catalog = catalog;
        this.ui = ui;
        catalog.current.addListener((o, was, now) -> countTestImages(now));
        countTestImages(catalog.current.get());
    }

    public ObjectProperty<Path> run() {
        return catalog.current;
    }

    /** Reads how many test images the run's dataset has (from its files' sizes, nothing decoded). */
    private void countTestImages(Path run) {
        if (run == null) {
            return;
        }
        worker.execute(() -> {
            try {
                int count = DatasetLoader.count(RunFolder.open(run).readConfig().data(), Split.TEST);
                ui.execute(() -> {
                    testImages.set(count);
                    if (count > 0 && points.get() > count) {
                        points.set(count); // a map cannot show more points than the run has test images
                    }
                    if (!running.get() && coordinates.get() == null) {
                        status.set(run.getFileName() + ": " + String.format(java.util.Locale.ROOT, "%,d", count)
                                + " test images to map; press t-SNE (or PCA, instant)");
                    }
                });
            } catch (RuntimeException e) {
                ui.execute(() -> testImages.set(0));
            }
        });
    }

    /** Features, then t-SNE (or PCA when {@code pca}); the map animates as it forms. */
    public void map(boolean pca) {
        Path chosen = catalog.current.get();
        if (chosen == null || running.get()) {
            return;
        }
        cancel = false;
        holding = false;
        running.set(true);
        paused.set(false);
        selected.set(-1);
        neighbours.set(new int[0]);
        method.set(pca ? RunMap.Method.PCA : RunMap.Method.TSNE);
        int count = points.get();
        double perplexityValue = perplexity.get();
        Path other = beside.get();
        besideCoordinates.set(null);
        besideSample.set(null);
        status.set("extracting features …");
        worker.execute(() -> {
            try {
                RunMap.Sample s = RunMap.sample(RunFolder.open(chosen), count, 0, FeatureExtractor.Layer.H,
                        warning -> ui.execute(() -> status.set(warning)));
                ui.execute(() -> sample.set(s));
                if (pca) {
                    float[] xy = Tsne.pca(s.features(), s.dim());
                    ui.execute(() -> {
                        coordinates.set(xy);
                        status.set(String.format("PCA of %,d test images", s.size()));
                    });
                } else {
                    Tsne.Settings settings = Tsne.Settings.defaults().withPerplexity(perplexityValue);
                    Tsne.Result r = Tsne.run(s.features(), s.dim(), settings, new Tsne.Listener() {
                        @Override
                        public void onProgress(int it, float[] xy) {
                            if (latest.getAndSet(xy) == null) {
                                ui.execute(() -> {
                                    float[] newest = latest.getAndSet(null);
                                    if (newest != null) {
                                        coordinates.set(newest);
                                        iteration.set(it);
                                        status.set(String.format("t-SNE of %,d test images · iteration %d", s.size(), it));
                                    }
                                });
                            }
                            holdWhilePaused();
                        }

                        @Override
                        public boolean cancelled() {
                            return cancel;
                        }
                    });
                    ui.execute(() -> {
                        coordinates.set(r.coordinates());
                        iteration.set(r.iterations());
                        status.set(String.format("t-SNE of %,d test images · %d iterations · KL %.3f · %.1f s", s.size(), r.iterations(),
                                r.klDivergence(), r.seconds()));
                    });
                }
                if (other != null && !cancel) {
                    mapBeside(other, count, pca, perplexityValue);
                }
            } catch (Exception e) {
                ui.execute(() -> {
                    status.set("could not map " + chosen.getFileName());
                    error.set(e.getMessage());
                });
            } finally {
                ui.execute(() -> {
                    running.set(false);
                    paused.set(false);
                });
            }
        });
    }

    /** The run beside, mapped the same way on the same seeded sample of test images; drawn when done, without animation. */
    private void mapBeside(Path other, int count, boolean pca, double perplexityValue) throws java.io.IOException {
        String[] mainStatus = new String[1]; // the current run's line, read and restored on the UI thread
        ui.execute(() -> {
            mainStatus[0] = status.get();
            status.set(mainStatus[0] + " · now mapping " + other.getFileName() + " beside it …");
        });
        RunMap.Sample b = RunMap.sample(RunFolder.open(other), count, 0, FeatureExtractor.Layer.H, warning -> { });
        float[] xy = pca ? Tsne.pca(b.features(), b.dim())
                : Tsne.run(b.features(), b.dim(), Tsne.Settings.defaults().withPerplexity(perplexityValue), new Tsne.Listener() {
                    @Override
                    public void onProgress(int it, float[] partial) {
                    }

                    @Override
                    public boolean cancelled() {
                        return cancel;
                    }
                }).coordinates();
        ui.execute(() -> {
            besideSample.set(b);
            besideCoordinates.set(xy);
            status.set(mainStatus[0] + " · beside it " + other.getFileName());
        });
    }

    private void holdWhilePaused() {
        synchronized (pauseLock) {
            while (holding && !cancel) {
                try {
                    pauseLock.wait(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    public void togglePause() {
        synchronized (pauseLock) {
            holding = !holding;
            paused.set(holding);
            pauseLock.notifyAll();
        }
    }

    public void stop() {
        cancel = true;
        synchronized (pauseLock) {
            holding = false;
            pauseLock.notifyAll();
        }
    }

    /**
     * Writes the map on screen into the run's folder — {@code png} or {@code svg} with title and
     * legend, or {@code csv} — and says where; returns the file, or null when it could not be written.
     */
    public Path export(String kind) {
        RunMap.Sample s = sample.get();
        float[] xy = coordinates.get();
        if (s == null || xy == null) {
            return null;
        }
        Path target = s.run().root().resolve((method.get() == RunMap.Method.PCA ? "map-pca." : "map-tsne.") + kind);
        String title = RunMap.title(method.get(), s, FeatureExtractor.Layer.H);
        String subtitle = status.get();
        try {
            switch (kind) {
                case "png" -> {
                    var image = MapPicture.render(xy, s.labels(), s.classNames(), title, subtitle);
                    AtomicFiles.write(target, f -> javax.imageio.ImageIO.write(image, "png", f.toFile()));
                }
                case "svg" -> AtomicFiles.writeString(target, MapPicture.svg(xy, s.labels(), s.classNames(), title, subtitle));
                default -> AtomicFiles.write(target, f -> RunMap.writeMap(f, s.indices(), s.labels(), s.classNames(), xy));
            }
        } catch (java.io.IOException | RuntimeException e) {
            error.set(target + " could not be written (" + e.getMessage() + ")");
            return null;
        }
        status.set("saved " + target.toAbsolutePath().normalize());
        return target;
    }

    /** Writes TensorBoard Projector's files for the points on screen into the run's {@code projector/} folder, and says where. */
    public Path exportProjector() {
        RunMap.Sample s = sample.get();
        if (s == null) {
            return null;
        }
        Path dir = s.run().root().resolve("projector");
        try {
            io.simclr.workbench.exchange.ProjectorExport.Result r = io.simclr.workbench.exchange.ProjectorExport.write(s, FeatureExtractor.Layer.H, dir);
            status.set(String.format(java.util.Locale.ROOT, "saved %,d points for TensorBoard's Projector in %s (load projector_config.pbtxt)",
                    r.points(), dir.toAbsolutePath().normalize()));
            return dir;
        } catch (java.io.IOException | RuntimeException e) {
            error.set(dir + " could not be written (" + e.getMessage() + ")");
            return null;
        }
    }

    /** Shows the 10 nearest neighbours (in feature space) of point i. */
    public void select(int i) {
        RunMap.Sample s = sample.get();
        if (s == null || i < 0) {
            selected.set(-1);
            neighbours.set(new int[0]);
            return;
        }
        selected.set(i);
        neighbours.set(s.nearest(i, 10));
    }

    public void dispose() {
        stop();
        worker.shutdownNow();
    }
}
