package io.simclr.workbench.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Lessons in the window: opening one sets every screen's share of it ({@link LessonPart}), hides the
 * controls it lists (each with its label and what depends on it), shows its text in a banner above
 * the screens (which a teacher can dismiss) and opens its screen; saving one asks for its title and
 * text and which controls to hide, in a dialog, so a teacher never edits JSON.
 */
public final class LessonController {

    /** The style class of a node a lesson may hide, and the property holding its name in the Save dialog. */
    static final String HIDEABLE = "lesson-hideable";
    static final String NAME = "lesson-name";

    private final List<LessonPart> parts;
    private final Map<Screen, Node> screens;
    private final Supplier<Screen> shown;
    private final Consumer<Screen> show;
    private final Label text = new Label();
    private final HBox banner;
    private String title;
    private String body;

    public LessonController(List<LessonPart> parts, Map<Screen, Node> screens, Supplier<Screen> shown, Consumer<Screen> show) {
        this.parts = parts;
        this.screens = screens;
        this.shown = shown;
        this.show = show;
        text.setId("lesson-text");
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        Button dismiss = new Button("×");
        dismiss.setId("lesson-dismiss");
        dismiss.setTooltip(Widgets.explaining("hide this text; the lesson's settings stay"));
        dismiss.setOnAction(e -> showBanner(false));
        banner = new HBox(10, text, dismiss);
        banner.setId("lesson-banner");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().add("lesson-text");
        HBox.setHgrow(text, Priority.ALWAYS);
        showBanner(false);
    }

    /** The banner above the screens. */
    public Node banner() {
        return banner;
    }

    private void showBanner(boolean visible) {
        banner.setVisible(visible);
        banner.setManaged(visible);
    }

    /** Sets every screen from {@code lesson}, hides the controls it lists (showing all others), shows its text and opens its screen. */
    public void open(Lesson lesson) {
        title = lesson.title();
        body = lesson.text();
        boolean hasText = body != null && !body.isBlank();
        text.setText(hasText ? (title == null ? "" : title + " — ") + body : "");
        showBanner(hasText);
        parts.forEach(p -> p.apply(lesson));
        Set<String> hidden = new HashSet<>(lesson.hiddenOrEmpty());
        hideables().forEach(node -> {
            boolean hide = hidden.contains(node.getId());
            node.setVisible(!hide);
            node.setManaged(!hide);
        });
        Screen screen = lesson.screen() == null ? Screen.AUGMENTATIONS : Screen.byTitle(lesson.screen());
        show.accept(screen);
        javafx.scene.control.TabPane tabs = tabsOf(screens.get(screen));
        if (tabs != null && !tabs.getTabs().isEmpty()) {
            // A lesson that names no tab is about the screen's first one, whatever tab was open before it.
            tabs.getSelectionModel().select(tabs.getTabs().stream().filter(t -> lesson.tab() != null && t.getText().equalsIgnoreCase(lesson.tab()))
                    .findFirst().orElse(tabs.getTabs().get(0)));
        }
    }

    /** Everything a lesson file holds, as the window shows it now. */
    public Lesson capture() {
        javafx.scene.control.TabPane tabs = tabsOf(screens.get(shown.get()));
        String tab = tabs != null && tabs.getSelectionModel().getSelectedItem() != null ? tabs.getSelectionModel().getSelectedItem().getText() : null;
        Lesson lesson = Lesson.empty().withText(title, body).withScreen(shown.get().title(), tab)
                .withHidden(hideables().stream().filter(n -> !n.isVisible()).map(Node::getId).toList());
        for (LessonPart part : parts) {
            lesson = part.capture(lesson);
        }
        return lesson;
    }

    /** The screen's tabs (the first tab pane in it, outside any tab), or null for a screen without. */
    private static javafx.scene.control.TabPane tabsOf(Node node) {
        if (node instanceof javafx.scene.control.TabPane tabs) {
            return tabs;
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                javafx.scene.control.TabPane found = tabsOf(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** The controls a lesson may hide, by screen then place. */
    List<Node> hideables() {
        List<Node> found = new ArrayList<>();
        screens.values().forEach(screen -> collect(screen, found));
        return found;
    }

    /**
     * The hideable nodes below {@code node}. Scroll panes, tab panes and split panes hold their
     * content through their skins, which a screen not yet shown does not have: their content is
     * walked directly. A node whose visibility a binding owns (shown only for some dataset) is not a
     * lesson's to hide.
     */
    private static void collect(Node node, List<Node> found) {
        if (node == null) {
            return;
        }
        if (node.getId() != null && node.getStyleClass().contains(HIDEABLE) && !node.visibleProperty().isBound()) {
            found.add(node);
        }
        if (node instanceof javafx.scene.control.ScrollPane scroll) {
            collect(scroll.getContent(), found);
        } else if (node instanceof javafx.scene.control.TabPane tabs) {
            tabs.getTabs().forEach(tab -> collect(tab.getContent(), found));
        } else if (node instanceof javafx.scene.control.SplitPane split) {
            split.getItems().forEach(item -> collect(item, found));
        } else if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collect(child, found));
        }
    }

    /** A hideable node by id, shown or not (for tests). */
    Node find(String id) {
        return hideables().stream().filter(n -> id.equals(n.getId())).findFirst().orElse(null);
    }

    /**
     * Asks for the lesson's title and text and which controls it hides (starting from what is hidden
     * now), then where to save it; applies the hidden set to the window too.
     */
    public void save(FxDialogs dialogs, Path start) {
        Lesson now = capture();
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle("Save lesson");
        dialog.setHeaderText("What the class sees: a title and a short text above the screens, and which controls are hidden."
                + " The settings of every screen are saved as they are now.");
        TextField titleField = new TextField(now.title() == null ? "" : now.title());
        titleField.setId("lesson-title-field");
        TextArea textArea = new TextArea(now.text() == null ? "" : now.text());
        textArea.setId("lesson-text-field");
        textArea.setWrapText(true);
        textArea.setPrefRowCount(4);
        Map<Node, CheckBox> hide = new LinkedHashMap<>();
        VBox boxes = new VBox(4);
        for (Map.Entry<Screen, Node> screen : screens.entrySet()) {
            List<Node> nodes = new ArrayList<>();
            collect(screen.getValue(), nodes);
            if (nodes.isEmpty()) {
                continue;
            }
            Label heading = new Label(screen.getKey().title());
            heading.setStyle("-fx-font-weight: bold;");
            boxes.getChildren().add(heading);
            for (Node node : nodes) {
                CheckBox box = new CheckBox(String.valueOf(node.getProperties().getOrDefault(NAME, node.getId())));
                box.setSelected(!node.isVisible());
                hide.put(node, box);
                boxes.getChildren().add(box);
            }
        }
        ScrollPane hidden = new ScrollPane(boxes);
        hidden.setPrefHeight(260);
        VBox content = new VBox(8, new Label("Title"), titleField, new Label("Text shown above the screens"), textArea,
                new Label("Hide these controls"), hidden);
        content.setPadding(new Insets(10));
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialogs.style(dialog);
        if (dialog.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) {
            return;
        }
        title = titleField.getText().isBlank() ? null : titleField.getText().strip();
        body = textArea.getText().isBlank() ? null : textArea.getText().strip();
        hide.forEach((node, box) -> {
            node.setVisible(!box.isSelected());
            node.setManaged(!box.isSelected());
        });
        Optional<Path> file = dialogs.chooseSaveFile("Save lesson", start, "lesson.json", "Lesson (JSON)", "*.json");
        file.ifPresent(f -> {
            try {
                capture().write(f);
            } catch (java.io.IOException e) {
                dialogs.showError("The lesson could not be saved", f + ": " + e.getMessage());
            }
        });
        text.setText(body == null ? "" : (title == null ? "" : title + " — ") + body);
        showBanner(body != null);
    }
}
