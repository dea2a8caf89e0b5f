import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.simclr.workbench.eval.RunEncoder;
import io.simclr.workbench.model.SimClrNetwork;
import io.simclr.workbench.train.RunFolder;
import java.nio.file.Path;

/**
 * The running variances a run's batch norms carry into inference mode, at random initialisation and after
 * training: with Keras's momentum 0.99 (Xception, Inception-ResNet-v2) a short run leaves them near their
 * initial 1 (0.99^steps of it), whatever the activations' real variance, so inference-mode features are
 * normalised by the wrong statistics.
 *
 *   mvn -q package -DskipTests && java -Dai.djl.offline=true -cp 'target/app/lib/*:target/app/simclr-workbench.jar' bench/BatchNormStats.java RUN
 */
public class BatchNormStats {
    public static void main(String[] args) throws Exception {
        RunEncoder encoder = RunEncoder.open(RunFolder.open(Path.of(args[0])), null);
        try (NDManager manager = NDManager.newBaseManager()) {
            for (boolean trained : new boolean[] {false, true}) {
                SimClrNetwork network = encoder.network(trained, manager);
                int count = 0;
                StringBuilder sample = new StringBuilder();
                for (Pair<String, Parameter> p : network.encoder().getParameters()) {
                    if (p.getKey().endsWith("runningVar")) {
                        if (count < 4 || count % 10 == 0) {
                            sample.append(String.format(" [%d] %.3f", count, p.getValue().getArray().mean().getFloat()));
                        }
                        count++;
                    }
                }
                System.out.println((trained ? "trained" : "random init") + ": " + count + " batch norms; mean running variance" + sample);
            }
        }
    }
}
