package io.simclr.workbench.json;

/** A named option a person picks (an encoder, a head, a preset): the name typed or shown, and one line saying what it is. */
public interface Choice {

    /** The name used on the command line, in config files and in lists. */
    String id();

    /** One sentence for a tooltip or help text: what this option is and when to pick it. */
    String description();
}
