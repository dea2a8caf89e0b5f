import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The smallest program that shows why the linear probe takes its weight gradient as residualᵀ·X: on the
 * libtorch DJL bundles (2.7.1), the same product written Xᵀ·residual — a contiguous 2,048 x 2,000 matrix
 * times 2,000 x 10 — runs several times slower than 10 x 2,000 times 2,000 x 2,048, though both are one
 * matrix product of the same size (2 threads, 2026-11-30: 21.3 against 3.1 ms). The probe evaluates its
 * gradient a few thousand times per fit. PyTorch 2.13 has less of the gap (5.8 against 2.6 ms): the lines
 * after the Java program time the same products there.
 *
 *   mvn -q package -DskipTests && java -Dai.djl.offline=true -cp 'target/app/lib/*' bench/ProbeGemm.java
 *   ~/peer/bin/python -c "import torch,time; torch.set_num_threads(2); X=torch.randn(2000,2048); XT=X.t().contiguous(); \
 *       R=torch.randn(2000,10); f=lambda g: (lambda s: ([g() for _ in range(100)], (time.perf_counter()-s)*10)[1])(time.perf_counter()); \
 *       print('XT@R %.2f ms, R.t()@X %.2f ms' % (f(lambda: XT@R), f(lambda: R.t()@X)))"
 */
public class ProbeGemm {
    public static void main(String[] args) {
        int rows = 2000;
        int dim = 2048;
        int classes = 10;
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray x = m.randomNormal(new Shape(rows, dim));
            NDArray xT = x.transpose().toType(DataType.FLOAT32, true);
            NDArray residual = m.randomNormal(new Shape(rows, classes));
            System.out.printf("Xᵀ·residual (%d x %d times %d x %d): %.2f ms%n", dim, rows, rows, classes, time(() -> xT.matMul(residual)));
            System.out.printf("residualᵀ·X (%d x %d times %d x %d): %.2f ms%n", classes, rows, rows, dim,
                    time(() -> residual.transpose().matMul(x)));
        }
    }

    private static double time(java.util.function.Supplier<NDArray> product) {
        for (int i = 0; i < 10; i++) {
            product.get().close();
        }
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            product.get().close();
        }
        return (System.nanoTime() - start) / 1e8;
    }
}
