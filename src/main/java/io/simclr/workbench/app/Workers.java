package io.simclr.workbench.app;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The background threads of the window's view-models: one named daemon thread each, so closing the window never waits on them. */
public final class Workers {
    private Workers() {}

    public static ExecutorService daemon(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
