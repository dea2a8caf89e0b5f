package io.simclr.workbench.train;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Single daemon threads for work that may call the engine, which end when idle for a few seconds.
 *
 * <p>Why they end: PyTorch's OpenMP runtime keeps a team of helper threads for every thread that ever
 * ran a parallel operation, and while it manages more threads than there are cores it stops its
 * helpers from spinning between operations; a training step's stream of small operations then waits
 * on their wake-ups. An idle screen's worker kept alive made training in the window a third slower
 * than on the command line (334 against 501 views/s on 2 cores); {@code bench/OpenMpTeams.java} shows it
 * in one small program.
 */
public final class EngineThreads {
    private static final long IDLE_SECONDS = 3;

    private EngineThreads() {}

    /** One named daemon thread, started on demand and ended after {@value #IDLE_SECONDS} idle seconds. */
    public static ExecutorService single(String name) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
