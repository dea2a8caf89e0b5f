import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Arrays;

/**
 * The smallest program that shows DJL's number-operand trap on the PyTorch engine: y = (x / 4).sum()
 * must give the gradient 0.25; with a garbage collection between forward and backward,
 * {@code x.div(4f)} gives garbage, while a divisor the engine made itself ({@code full}) stays right.
 *
 *   mvn -q package -DskipTests && java -Dai.djl.offline=true -cp 'target/app/lib/*' bench/NumberOperandGc.java
 */
public class NumberOperandGc {
    public static void main(String[] args) throws InterruptedException {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            for (String form : new String[] {"x.div(4f)", "x.div(m.full(new Shape(), 4f))"}) {
                for (int trial = 0; trial < 3; trial++) {
                    NDArray x = m.ones(new Shape(3));
                    x.setRequiresGradient(true);
                    try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                        NDArray y = (form.startsWith("x.div(4f)") ? x.div(4f) : x.div(m.full(new Shape(), 4f))).sum();
                        System.gc();
                        Thread.sleep(20);
                        for (int i = 0; i < 500; i++) {
                            java.nio.ByteBuffer.allocateDirect(4).putFloat(0, -1e-15f); // reuses the freed memory
                        }
                        c.backward(y);
                    }
                    System.out.printf("%-32s gradient %s (expected 0.25)%n", form, Arrays.toString(x.getGradient().toFloatArray()));
                }
            }
        }
    }
}
