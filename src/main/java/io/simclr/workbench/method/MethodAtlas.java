package io.simclr.workbench.method;

import java.util.List;
import java.util.Optional;

/**
 * The self-supervised methods on one map of ideas: what each one uses to learn without labels and to
 * avoid collapse, the ones the workbench trains and the ones the material names that it does not
 * (PIRL, DeepCluster, SeLA, CLIP), each of those pointing to its trained neighbour.
 */
public final class MethodAtlas {

    /** The idea a method is built on. */
    public enum Idea {
        NEGATIVES("Contrast with negatives", "Pull the two views of an image together and push other images away: the negatives are"
                + " what keeps every image from mapping to the same point. More negatives help, hence big batches, queues and banks."),
        MOMENTUM("A moving teacher, no negatives", "Predict the output of a slowly moving (or gradient-stopped) copy of the network. Nothing"
                + " pushes images apart; the asymmetry between the two branches is what keeps the network from collapsing."),
        CLUSTERING("Clusters and self-labels", "Group the images into clusters and learn to predict an image's cluster from another view;"
                + " spreading the images evenly over the clusters forbids putting them all into one."),
        REDUNDANCY("Redundancy reduction", "Make every feature agree across the two views while different features stay uncorrelated:"
                + " a constant output is the most redundant there is, so it is ruled out.");

        private final String title;
        private final String explanation;

        Idea(String title, String explanation) {
            this.title = title;
            this.explanation = explanation;
        }

        public String title() {
            return title;
        }

        public String explanation() {
            return explanation;
        }
    }

    /**
     * One method on the map.
     *
     * @param trained   the workbench's method, or null for one it does not train
     * @param neighbour for one it does not train, the trained method closest to it
     * @param summary   what it does and how it relates to the rest, in two or three sentences
     */
    public record Entry(String name, String paper, Idea idea, MethodKind trained, MethodKind neighbour, String summary) {

        public boolean isTrained() {
            return trained != null;
        }
    }

    public static final List<Entry> ENTRIES = List.of(
            new Entry("SimCLR", "Chen et al. 2020", Idea.NEGATIVES, MethodKind.SIMCLR, null, summary(MethodKind.SIMCLR)
                    + " Its negatives come only from the batch, which is why it wants large batches."),
            new Entry("Memory bank", "Wu et al. 2018", Idea.NEGATIVES, MethodKind.MEMORY_BANK, null, summary(MethodKind.MEMORY_BANK)
                    + " The stored features were computed by older versions of the network: many negatives, but stale ones."),
            new Entry("MoCo v2", "He et al. 2020; Chen et al. 2020", Idea.NEGATIVES, MethodKind.MOCO, null, summary(MethodKind.MOCO)
                    + " The momentum encoder answers the memory bank's staleness: the keys in the queue change slowly and consistently."),
            new Entry("PIRL", "Misra and van der Maaten 2020", Idea.NEGATIVES, null, MethodKind.MEMORY_BANK, "Pretext-invariant"
                    + " representations: an image and a transformed copy of it (its jigsaw-shuffled patches) must map close together and"
                    + " far from other images, with negatives drawn from a memory bank. It is the memory bank with a pretext task as the"
                    + " second view; train memory-bank to see the same mechanism."),
            new Entry("CLIP", "Radford et al. 2021", Idea.NEGATIVES, null, MethodKind.SIMCLR, "Contrastive language-image pre-training:"
                    + " the two 'views' are an image and its caption, embedded by two different encoders; every other caption in the"
                    + " batch is a negative. The loss is SimCLR's InfoNCE across modalities, with batches of 32,768 pairs and a learned"
                    + " temperature; train simclr to see that loss at work on images alone."),
            new Entry("BYOL", "Grill et al. 2020", Idea.MOMENTUM, MethodKind.BYOL, null, summary(MethodKind.BYOL)),
            new Entry("SimSiam", "Chen and He 2021", Idea.MOMENTUM, MethodKind.SIMSIAM, null, summary(MethodKind.SIMSIAM)
                    + " It shows that BYOL's momentum is not needed; the stop-gradient is."),
            new Entry("SwAV", "Caron et al. 2020", Idea.CLUSTERING, MethodKind.SWAV, null, summary(MethodKind.SWAV)
                    + " It clusters online, batch by batch, instead of over the whole dataset."),
            new Entry("DeepCluster", "Caron et al. 2018", Idea.CLUSTERING, null, MethodKind.SWAV, "Alternates two phases: run k-means on"
                    + " the features of the whole dataset, then train the network to classify each image into its cluster as if the"
                    + " clusters were labels. Empty clusters are re-seeded so that not every image ends in one. SwAV does the same"
                    + " online, per batch, with a view predicting the other's cluster; train swav to see it."),
            new Entry("SeLA", "Asano et al. 2020", Idea.CLUSTERING, null, MethodKind.SWAV, "Self-labelling: the cluster labels are"
                    + " chosen as an optimal transport problem that forces every cluster to be the same size, solved with"
                    + " Sinkhorn-Knopp, then the network learns to predict them. SwAV took that equal-partition Sinkhorn step and"
                    + " applied it to each batch; train swav to see it."),
            new Entry("Barlow Twins", "Zbontar et al. 2021", Idea.REDUNDANCY, MethodKind.BARLOW_TWINS, null, summary(MethodKind.BARLOW_TWINS)));

    /** A method's own description without its leading "Name (paper): ", which the card already shows. */
    private static String summary(MethodKind kind) {
        String description = kind.description();
        int colon = description.indexOf("): ");
        String rest = colon < 0 ? description : description.substring(colon + 3);
        return Character.toUpperCase(rest.charAt(0)) + rest.substring(1);
    }

    private MethodAtlas() {}

    public static List<Entry> of(Idea idea) {
        return ENTRIES.stream().filter(e -> e.idea() == idea).toList();
    }

    public static Optional<Entry> trained(MethodKind kind) {
        return ENTRIES.stream().filter(e -> e.trained() == kind).findFirst();
    }
}
