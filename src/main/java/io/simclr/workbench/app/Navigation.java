package io.simclr.workbench.app;

import java.nio.file.Path;

/** What one screen may ask of the window: show another screen, or take a run straight to evaluation or a map. */
public interface Navigation {

    void show(Screen screen);

    /** Makes {@code run} current, opens the Evaluate screen and starts evaluating it. */
    void evaluate(Path run);

    /** Makes {@code run} current, opens the Embeddings screen and starts its t-SNE map. */
    void map(Path run);
}
