package io.simclr.workbench.app;

import io.simclr.workbench.train.EngineThreads;
import java.util.concurrent.ExecutorService;

/** The background threads of the window's view-models: one named daemon thread each (closing the window never waits on them), ended when idle. */
public final class Workers {
    private Workers() {}

    public static ExecutorService daemon(String name) {
        return EngineThreads.single(name);
    }
}
