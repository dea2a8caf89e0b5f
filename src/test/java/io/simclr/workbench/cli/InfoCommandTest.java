package io.simclr.workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Starts the real PyTorch engine from the Maven native jar, offline (surefire sets ai.djl.offline). */
class InfoCommandTest {

    @Test
    void infoLoadsTheEngineOfflineAndReportsVersionsDevicesAndThreads() {
        CommandLineTest.Run r = CommandLineTest.run("info");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("PyTorch 2.7.1"), r.out());
        assertTrue(r.out().contains("DJL               0.36.0"), r.out());
        assertTrue(r.out().contains("Offline mode      on"), r.out());
        assertTrue(r.out().matches("(?s).*Threads +intra-op \\d+, inter-op \\d+.*"), r.out());
        assertTrue(r.out().matches("(?s).*Devices +\\d+ GPU\\(s\\).*"), r.out());
        assertTrue(r.out().contains("RESULT engine=PyTorch pytorch=2.7.1 djl=0.36.0"), r.out());
    }
}
