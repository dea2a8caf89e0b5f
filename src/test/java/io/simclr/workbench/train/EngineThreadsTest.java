package io.simclr.workbench.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EngineThreadsTest {

    @Test
    void anIdleWorkerThreadEndsSoItsEngineHelpersGoWithItAndTheNextJobGetsAFreshNamedDaemonThread() throws Exception {
        ExecutorService executor = EngineThreads.single("engine-worker");
        try {
            Thread first = executor.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
            assertEquals("engine-worker", first.getName());
            assertTrue(first.isDaemon(), "closing the window never waits on it");
            first.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(first.isAlive(), "an idle worker ends, and with it the engine's helper threads for it");
            Thread second = executor.submit(Thread::currentThread).get(10, TimeUnit.SECONDS);
            assertNotSame(first, second);
            assertEquals("engine-worker", second.getName());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void jobsSubmittedTogetherRunOneAtATimeInOrder() throws Exception {
        ExecutorService executor = EngineThreads.single("engine-worker");
        try {
            StringBuffer order = new StringBuffer();
            for (int i = 0; i < 5; i++) {
                int n = i;
                executor.submit(() -> {
                    order.append(n);
                    Thread.sleep(20);
                    return null;
                });
            }
            executor.submit(() -> null).get(10, TimeUnit.SECONDS);
            assertEquals("01234", order.toString());
        } finally {
            executor.shutdownNow();
        }
    }
}
