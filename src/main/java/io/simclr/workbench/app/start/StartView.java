package io.simclr.workbench.app.start;

import io.simclr.workbench.app.Lesson;
import io.simclr.workbench.app.Screen;
import io.simclr.workbench.app.Widgets;
import javafx.beans.property.BooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The first page: SimCLR's story in four steps — augment, train, evaluate, map — a sentence and a
 * button each, and the lessons that ship with the workbench, each opened with one click. Shown on
 * the first start and from the column's "Start here" (F1).
 */
public final class StartView extends BorderPane {

    /** What the page's buttons do; the window answers them. */
    public interface Actions {
        void show(Screen screen);

        /** Sets the class-demo recipe on the Train screen and starts it. */
        void runClassDemo();

        void openLesson(Lesson lesson);

        void openLessonFile();
    }

    public StartView(Actions actions, BooleanProperty showAtStart) {
        getStyleClass().addAll("screen", "start");
        Label title = new Label("See self-supervised learning happen");
        title.getStyleClass().add("start-title");
        Label intro = Widgets.hint("SimCLR learns what is in pictures without any labels: it makes two random views of every image and"
                + " trains a network to tell which views belong together. Four steps show it from start to end; each button takes you"
                + " to the screen that does it.");
        GridPane steps = new GridPane();
        steps.setHgap(16);
        steps.setVgap(14);
        step(steps, 0, "1  Augment", "Two random crops, colour changes and blurs of the same picture: the only \"label\" SimCLR gets is"
                + " that these belong together.", button("Show view pairs", "start-augment", () -> actions.show(Screen.AUGMENTATIONS)));
        Button demo = button("Run the class demo", "start-class-demo", actions::runClassDemo);
        demo.setDefaultButton(true);
        step(steps, 1, "2  Train", "An encoder learns to pull the two views of each image together and push other images away; the loss"
                + " falls and the similarity curves part. The class demo on the built-in shapes takes two to three minutes on a 2-core laptop.", demo,
                button("Open Train", "start-train", () -> actions.show(Screen.TRAIN)));
        step(steps, 2, "3  Evaluate", "With the encoder frozen, a linear probe and kNN sort the test images into classes it never saw"
                + " labels of, beside the same network untrained: the gap is what self-supervision learned.",
                button("Open Evaluate", "start-evaluate", () -> actions.show(Screen.EVALUATE)));
        step(steps, 3, "4  Map", "t-SNE draws every test image as a point: after training, each class gathers into its own cluster;"
                + " click a point to see its nearest neighbours.", button("Open Embeddings", "start-map", () -> actions.show(Screen.EMBEDDINGS)));

        Label lessonsTitle = new Label("Lessons");
        lessonsTitle.getStyleClass().add("start-heading");
        VBox lessons = new VBox(6);
        lessons.setId("start-lessons");
        for (String name : Lesson.builtInNames()) {
            Lesson lesson = Lesson.builtIn(name);
            Button open = button("Open", "start-lesson-" + name.replace(".json", ""), () -> actions.openLesson(lesson));
            Label what = new Label(lesson.title() + " — " + firstSentence(lesson.text()));
            what.setWrapText(true);
            what.setMinWidth(0);
            HBox row = new HBox(10, open, what);
            row.setAlignment(Pos.CENTER_LEFT);
            HBox.setHgrow(what, Priority.ALWAYS);
            lessons.getChildren().add(row);
        }
        Button file = button("Open a lesson file…", "start-lesson-file", actions::openLessonFile);
        CheckBox atStart = new CheckBox("Show this page when the workbench starts (F1 shows it any time)");
        atStart.setId("start-show-at-start");
        atStart.selectedProperty().bindBidirectional(showAtStart);

        VBox page = new VBox(14, title, intro, steps, lessonsTitle, lessons, file, atStart);
        page.setPadding(new Insets(24));
        page.setMaxWidth(1100);
        ScrollPane scroll = new ScrollPane(page);
        scroll.setFitToWidth(true);
        setCenter(scroll);
    }

    private static void step(GridPane grid, int row, String name, String text, Button... buttons) {
        Label heading = new Label(name);
        heading.getStyleClass().add("start-heading");
        heading.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label body = new Label(text);
        body.setWrapText(true);
        VBox actions = new VBox(6, buttons);
        grid.add(heading, 0, row);
        grid.add(body, 1, row);
        grid.add(actions, 2, row);
        GridPane.setHgrow(body, Priority.ALWAYS);
        GridPane.setValignment(heading, javafx.geometry.VPos.TOP);
    }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setMaxWidth(Double.MAX_VALUE);
        b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        b.setOnAction(e -> action.run());
        return b;
    }

    private static String firstSentence(String text) {
        if (text == null) {
            return "";
        }
        int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end + 1);
    }
}
