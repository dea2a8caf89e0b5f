package io.simclr.workbench.app;

import java.util.Locale;

/** The window's screens, in the order of the column of buttons (Ctrl+1 … Ctrl+7; Start is F1). */
public enum Screen {
    START("Start here"), AUGMENTATIONS("Augmentations"), TRAIN("Train"), EVALUATE("Evaluate"), EMBEDDINGS("Embeddings"),
    TEMPERATURE("Temperature"), STUDY("Study"), RUNS("Runs");

    private final String title;

    Screen(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** The id of its button in the column ("nav-train"). */
    public String navId() {
        return "nav-" + name().toLowerCase(Locale.ROOT);
    }

    /** A lesson names its screen by title ("Train"); older lessons too. */
    public static Screen byTitle(String title) {
        for (Screen s : values()) {
            if (s.title.equalsIgnoreCase(title) || s.name().equalsIgnoreCase(title)) {
                return s;
            }
        }
        return AUGMENTATIONS;
    }
}
