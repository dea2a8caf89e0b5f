package io.simclr.workbench.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import io.simclr.workbench.model.ModelFactory;
import io.simclr.workbench.model.SimClrNetwork;
import io.simclr.workbench.nd.Scalars;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A slowly moving copy of the network (encoder and head): MoCo's key encoder, BYOL's target. It
 * starts equal to the network and follows it as an exponential moving average of its trained
 * parameters, theta' <- m theta' + (1 - m) theta, after every optimizer step; it is never trained
 * itself. Its batch-norm statistics are its own, kept by its own forward passes, as in both papers
 * (their updates run over {@code parameters()}, not the buffers).
 */
final class MomentumEncoder {

    private final SimClrNetwork online;
    private final SimClrNetwork target;

    MomentumEncoder(SimClrNetwork online, NDManager manager, int imageSize) {
        this.online = online;
        this.target = ModelFactory.copyOf(online, manager, imageSize);
    }

    SimClrNetwork network() {
        return target;
    }

    /** One moving-average update with momentum {@code m}, in place (outside autograd: after the optimizer's step). */
    void update(double m) {
        PairList<String, Parameter> from = online.getParameters();
        PairList<String, Parameter> to = target.getParameters();
        for (int i = 0; i < from.size(); i++) {
            if (!from.valueAt(i).requiresGradient()) {
                continue; // batch-norm running statistics
            }
            NDArray t = to.valueAt(i).getArray();
            Scalars.muli(t, m);
            try (NDArray share = Scalars.mul(from.valueAt(i).getArray(), 1 - m)) {
                t.addi(share);
            }
        }
    }

    void save(DataOutputStream out) throws IOException {
        target.saveParameters(out);
    }

    void load(DataInputStream in, NDManager manager) throws IOException {
        StateArrays.loadParameters(target, manager, in, "momentum target");
    }
}
