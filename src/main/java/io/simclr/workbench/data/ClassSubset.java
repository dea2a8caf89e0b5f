package io.simclr.workbench.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The images of a few named classes of a labelled dataset, relabelled 0 … k-1 in the order the
 * classes are named: the small labelled task a downstream fine-tuning is scored on (the SimCLR
 * slides fine-tune on five classes). A view: pixels are read from the source as needed.
 */
public final class ClassSubset implements ImageDataset {

    private final ImageDataset source;
    private final List<String> classNames;
    private final int[] indices;
    private final int[] labels;

    private ClassSubset(ImageDataset source, List<String> classNames, int[] indices, int[] labels) {
        this.source = source;
        this.classNames = List.copyOf(classNames);
        this.indices = indices;
        this.labels = labels;
    }

    /**
     * @param classNames classes of {@code source}, by name (case-insensitive), at least two and no repeats
     * @throws IllegalArgumentException naming any class the dataset does not have, and the ones it has
     */
    public static ClassSubset of(ImageDataset source, List<String> classNames) {
        if (!source.isLabeled()) {
            throw new IllegalArgumentException(source.description() + " has no labels to choose classes from");
        }
        List<String> all = source.classNames();
        List<String> chosen = new ArrayList<>();
        int[] newLabel = new int[all.size()];
        java.util.Arrays.fill(newLabel, -1);
        for (String name : classNames) {
            int at = indexOf(all, name);
            if (at < 0) {
                throw new IllegalArgumentException("no class '" + name + "' in " + source.description() + "; its classes are " + all);
            }
            if (newLabel[at] >= 0) {
                throw new IllegalArgumentException("class '" + name + "' is named twice");
            }
            newLabel[at] = chosen.size();
            chosen.add(all.get(at));
        }
        if (chosen.size() < 2) {
            throw new IllegalArgumentException("a labelled subset needs at least two classes, not " + chosen);
        }
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < source.size(); i++) {
            if (newLabel[source.label(i)] >= 0) {
                kept.add(i);
            }
        }
        int[] indices = kept.stream().mapToInt(Integer::intValue).toArray();
        int[] labels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            labels[i] = newLabel[source.label(indices[i])];
        }
        return new ClassSubset(source, chosen, indices, labels);
    }

    /** The first {@code count} classes of a dataset: the default subset. */
    public static List<String> firstClasses(ImageDataset source, int count) {
        return List.copyOf(source.classNames().subList(0, Math.min(count, source.classNames().size())));
    }

    private static int indexOf(List<String> names, String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).toLowerCase(Locale.ROOT).equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "%s, classes %s (%,d images)", source.description(), classNames, indices.length);
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public int imageSize() {
        return source.imageSize();
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public void copyPixels(int index, byte[] dst) {
        source.copyPixels(indices[index], dst);
    }
}
