package io.simclr.workbench.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import io.simclr.workbench.model.ModelFactory;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The predictor q of BYOL and SimSiam: an MLP (Linear, BN, ReLU, Linear) from the projection back
 * to its own width, trained with the network; its parameters are named {@code predictor.*} for the
 * optimizer and the checkpoint.
 */
final class Predictor {

    private final Block mlp;
    private final ParameterStore parameters;

    Predictor(MethodContext context, int hiddenDim) {
        this.mlp = ModelFactory.predictor(context.projectionDim(), hiddenDim, context.manager());
        this.parameters = context.parameters();
    }

    NDArray apply(NDArray z) {
        return mlp.forward(parameters, new NDList(z), true).singletonOrThrow();
    }

    PairList<String, Parameter> named() {
        PairList<String, Parameter> named = new PairList<>();
        for (Pair<String, Parameter> p : mlp.getParameters()) {
            named.add("predictor." + p.getKey(), p.getValue());
        }
        return named;
    }

    void save(DataOutputStream out) throws IOException {
        mlp.saveParameters(out);
    }

    void load(DataInputStream in, NDManager manager) throws IOException {
        StateArrays.loadParameters(mlp, manager, in, "predictor");
    }
}
