package scratch;

import io.simclr.workbench.model.EncoderFacts;
import io.simclr.workbench.model.EncoderKind;
import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void facts() {
        for (EncoderKind e : EncoderKind.values()) {
            for (int size : new int[] {32, 64}) {
                long t = System.nanoTime();
                EncoderFacts f = EncoderFacts.of(e, size);
                System.out.println("FACT " + e.id() + " " + size + ": " + f.summary() + " macs=" + f.forwardMacs() + " built in " + (System.nanoTime() - t) / 1e9);
            }
        }
    }
}
