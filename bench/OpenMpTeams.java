import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.concurrent.CountDownLatch;

/**
 * The smallest program that shows why an idle thread that once ran an engine operation slows training on
 * another thread: PyTorch's OpenMP runtime (libgomp) keeps a team of helper threads for every thread that
 * ran a parallel operation; once it manages more threads than there are cores it stops letting its
 * helpers spin between operations, and a stream of small operations (what a training step is) waits on
 * their wake-ups. On a 2-core machine the same loop of small convolutions runs much slower while a
 * second, idle thread that ran one operation is alive, and fast again once it has ended.
 *
 *   mvn -q package -DskipTests && java -Dai.djl.offline=true -cp 'target/app/lib/*' bench/OpenMpTeams.java
 */
public class OpenMpTeams {
    public static void main(String[] args) throws Exception {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray x = m.randomUniform(0, 1, new Shape(64, 32, 8, 8));
            NDArray w = m.randomUniform(0, 1, new Shape(32, 32, 3, 3));
            System.out.printf("alone:                      %.2f ms per op%n", time(m, x, w));
            CountDownLatch done = new CountDownLatch(1);
            Thread idle = new Thread(() -> {
                try (NDManager own = NDManager.newBaseManager("PyTorch")) {
                    own.randomUniform(0, 1, new Shape(256, 256)).matMul(own.randomUniform(0, 1, new Shape(256, 256)));
                    done.await(); // alive and idle, as a screen's worker thread waits for its next job
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            idle.start();
            Thread.sleep(500);
            System.out.printf("with an idle engine thread: %.2f ms per op%n", time(m, x, w));
            done.countDown();
            idle.join();
            System.out.printf("after it ended:             %.2f ms per op%n", time(m, x, w));
        }
    }

    private static double time(NDManager m, NDArray x, NDArray w) {
        for (int i = 0; i < 50; i++) {
            x.getNDArrayInternal().convolution(x, w, null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1).close();
        }
        long start = System.nanoTime();
        int n = 2000;
        for (int i = 0; i < n; i++) {
            x.getNDArrayInternal().convolution(x, w, null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1).close();
        }
        return (System.nanoTime() - start) / 1e6 / n;
    }
}
