package io.simclr.workbench.json;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/** Reads a named choice (an encoder, a preset) from what a person typed, or says which names exist. */
public final class Choices {
    private Choices() {}

    public static <E> E parse(E[] values, Function<E, String> id, String text, String what) {
        String key = text.trim().toLowerCase(Locale.ROOT);
        for (E value : values) {
            if (id.apply(value).equals(key)) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + text + "'; choose one of " + Arrays.stream(values).map(id).toList());
    }
}
