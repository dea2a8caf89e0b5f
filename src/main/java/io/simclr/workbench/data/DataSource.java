package io.simclr.workbench.data;

import com.google.gson.annotations.SerializedName;
import java.util.Arrays;
import java.util.Locale;

/** Where images come from. */
public enum DataSource {
    /** The built-in generated dataset; needs no files. */
    @SerializedName("shapes")
    SHAPES(32),
    /** CIFAR-10 binary files. */
    @SerializedName("cifar10")
    CIFAR10(32),
    /** STL-10 binary files. */
    @SerializedName("stl10")
    STL10(96),
    /** An image folder (one sub-folder per class) or the Tiny ImageNet layout. */
    @SerializedName("folder")
    FOLDER(64);

    private final int nativeSize;

    DataSource(int nativeSize) {
        this.nativeSize = nativeSize;
    }

    /** The side length images have when no size is asked for. */
    public int nativeSize() {
        return nativeSize;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DataSource parse(String text) {
        String key = text.trim().toUpperCase(Locale.ROOT).replace("-", "");
        for (DataSource source : values()) {
            if (source.name().equals(key)) {
                return source;
            }
        }
        throw new IllegalArgumentException("unknown dataset '" + text + "'; choose one of "
                + Arrays.stream(values()).map(DataSource::id).toList());
    }
}
