package io.simclr.workbench.app;

/** A screen's share of a lesson: it sets itself from a lesson, and writes its settings into one. */
public interface LessonPart {

    void apply(Lesson lesson);

    /** {@code lesson} with this screen's settings in it. */
    Lesson capture(Lesson lesson);
}
