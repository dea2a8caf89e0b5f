package io.simclr.workbench.app.embed;

import io.simclr.workbench.embed.RunMap;
import io.simclr.workbench.embed.Tsne;
import io.simclr.workbench.eval.FeatureExtractor;
import io.simclr.workbench.train.RunFolder;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
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
 * The state of the Embeddings screen: a run's sampled test images, their map as it forms (t-SNE
 * reports every 10 iterations; only the newest coordinates are handed to the UI thread), pause and
 * cancel, the class to highlight and the point whose neighbours are shown.
 */
public final class EmbeddingsViewModel {

    public final ObjectProperty<Path> run = new SimpleObjectProperty<>();
    public final IntegerProperty points = new SimpleIntegerProperty(5_000);
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
    public final StringProperty status = new SimpleStringProperty("choose a run (Run…), then t-SNE or PCA");
    public final StringProperty error = new SimpleStringProperty();

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "embedding-map");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<float[]> latest = new AtomicReference<>();
    private final Object pauseLock = new Object();
    private volatile boolean cancel;
    private volatile boolean holding;

    /** Features, then t-SNE (or PCA when {@code pca}); the map animates as it forms. */
    public void map(boolean pca) {
        Path chosen = run.get();
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
        status.set("extracting features …");
        worker.execute(() -> {
            try {
                RunMap.Sample s = RunMap.sample(RunFolder.open(chosen), count, 0, FeatureExtractor.Layer.H,
                        warning -> Platform.runLater(() -> status.set(warning)));
                Platform.runLater(() -> sample.set(s));
                if (pca) {
                    float[] xy = Tsne.pca(s.features(), s.dim());
                    Platform.runLater(() -> {
                        coordinates.set(xy);
                        status.set(String.format("PCA of %,d test images", s.size()));
                    });
                } else {
                    Tsne.Settings settings = Tsne.Settings.defaults().withPerplexity(perplexityValue);
                    Tsne.Result r = Tsne.run(s.features(), s.dim(), settings, new Tsne.Listener() {
                        @Override
                        public void onProgress(int it, float[] xy) {
                            if (latest.getAndSet(xy) == null) {
                                Platform.runLater(() -> {
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
                    Platform.runLater(() -> {
                        coordinates.set(r.coordinates());
                        iteration.set(r.iterations());
                        status.set(String.format("t-SNE of %,d test images · %d iterations · KL %.3f · %.1f s", s.size(), r.iterations(),
                                r.klDivergence(), r.seconds()));
                    });
                }
            } catch (Exception e) {
                Platform.runLater(() -> {
                    status.set("could not map " + chosen.getFileName());
                    error.set(e.getMessage());
                });
            } finally {
                Platform.runLater(() -> {
                    running.set(false);
                    paused.set(false);
                });
            }
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
