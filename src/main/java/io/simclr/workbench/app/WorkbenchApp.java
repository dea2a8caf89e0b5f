package io.simclr.workbench.app;

import io.simclr.workbench.AppVersion;
import io.simclr.workbench.app.augment.AugmentationsView;
import io.simclr.workbench.app.augment.AugmentationsViewModel;
import io.simclr.workbench.app.train.TrainView;
import io.simclr.workbench.app.train.TrainViewModel;
import io.simclr.workbench.app.embed.EmbeddingsView;
import io.simclr.workbench.app.evaluate.EvaluateView;
import io.simclr.workbench.app.runs.RunsView;
import io.simclr.workbench.app.runs.RunsViewModel;
import io.simclr.workbench.app.evaluate.EvaluateViewModel;
import io.simclr.workbench.app.embed.EmbeddingsViewModel;
import io.simclr.workbench.app.temperature.TemperatureView;
import io.simclr.workbench.app.study.StudyView;
import io.simclr.workbench.app.study.StudyViewModel;
import io.simclr.workbench.app.temperature.SweepView;
import io.simclr.workbench.app.temperature.SweepViewModel;
import io.simclr.workbench.app.temperature.TemperatureViewModel;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The window: a column of screen buttons on the left, the chosen screen beside it. Ctrl+1…7 switch
 * screens, Ctrl+Enter starts training, Escape stops it, Ctrl+plus/minus zoom, Ctrl+D toggles the
 * dark theme. Size and position are remembered between launches.
 */
public final class WorkbenchApp extends Application {

    private static final String LIGHT = WorkbenchApp.class.getResource("workbench.css").toExternalForm();
    private static final String DARK = WorkbenchApp.class.getResource("dark.css").toExternalForm();

    /** Window layout, zoom and theme; tests point it elsewhere so they leave a user's settings alone. */
    private final Preferences prefs = WorkbenchPrefs.node();
    private AugmentationsViewModel augmentations;
    private TrainViewModel training;
    private TrainView trainView;
    private TemperatureViewModel temperature;
    private SweepViewModel sweep;
    private StudyViewModel study;
    private EmbeddingsViewModel embeddings;
    private EvaluateViewModel evaluation;
    private RunsViewModel runs;
    private List<Node> screenNodes = List.of();
    /** The open lesson's explanation, above every screen; hidden when there is none. */
    private final Label lessonText = new Label();
    private String lessonTitle;
    private String lessonBody;
    private BorderPane root;
    private VBox nav;
    private List<String> names;
    private final UiStallMeter stalls = new UiStallMeter();
    private double fontSize = 13;

    @Override
    public void start(Stage stage) {
        augmentations = new AugmentationsViewModel();
        training = new TrainViewModel();
        AugmentationsView augmentView = new AugmentationsView(augmentations);
        trainView = new TrainView(training);
        temperature = new TemperatureViewModel();
        sweep = new SweepViewModel();
        java.nio.file.Path runsFolder = java.nio.file.Path.of(training.runsFolder.get());
        TemperatureView temperatureView = new TemperatureView(temperature,
                new SweepView(sweep, runsFolder, page -> getHostServices().showDocument(page.toUri().toString())));
        study = new StudyViewModel();
        StudyView studyView = new StudyView(study, runsFolder, page -> getHostServices().showDocument(page.toUri().toString()));
        runs = new RunsViewModel();
        sweep.job.running.addListener((o, was, now) -> runs.refresh());
        // One training job at a time: on a laptop's few cores two would each crawl.
        javafx.beans.binding.BooleanBinding trainScreenBusy = training.state.isNotEqualTo(TrainViewModel.State.IDLE);
        training.blocked.bind(sweep.job.running.or(study.job.running));
        sweep.job.blocked.bind(trainScreenBusy.or(study.job.running));
        study.job.blocked.bind(trainScreenBusy.or(sweep.job.running));
        study.job.running.addListener((o, was, now) -> runs.refresh());
        RunsView runsView = new RunsView(runs, report -> getHostServices().showDocument(report.toUri().toString()));
        runs.refresh();
        training.state.addListener((o, was, now) -> {
            if (now == TrainViewModel.State.IDLE) {
                runs.refresh();
            }
        });
        evaluation = new EvaluateViewModel();
        EvaluateView evaluateView = new EvaluateView(evaluation);
        embeddings = new EmbeddingsViewModel();
        EmbeddingsView embeddingsView = new EmbeddingsView(embeddings);
        io.simclr.workbench.train.RunFolder.newestWithCheckpoint(java.nio.file.Path.of(training.runsFolder.get())).ifPresent(run -> {
            temperature.run.set(run.root());
            embeddings.run.set(run.root());
            evaluation.run.set(run.root());
        });
        temperature.load();

        BorderPane root = new BorderPane();
        root.setId("workbench-root");
        ToggleGroup screens = new ToggleGroup();
        List<Node> views = List.of(augmentView, trainView, evaluateView, embeddingsView, temperatureView, studyView, runsView);
        List<String> names = List.of("Augmentations", "Train", "Evaluate", "Embeddings", "Temperature", "Study", "Runs");
        screenNodes = views;
        this.root = root;
        this.names = names;
        VBox nav = new VBox(4);
        this.nav = nav;
        nav.getStyleClass().add("nav");
        nav.setPadding(new Insets(10));
        for (int i = 0; i < views.size(); i++) {
            ToggleButton button = new ToggleButton(names.get(i));
            button.setId("nav-" + names.get(i).toLowerCase());
            button.setToggleGroup(screens);
            button.setMaxWidth(Double.MAX_VALUE);
            Node view = views.get(i);
            button.setOnAction(e -> {
                root.setCenter(view);
                button.setSelected(true);
            });
            nav.getChildren().add(button);
        }
        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        Label version = new Label("SimCLR Workbench " + AppVersion.app());
        version.getStyleClass().add("hint");
        javafx.scene.control.Button openLesson = new javafx.scene.control.Button("Open lesson…");
        openLesson.setMaxWidth(Double.MAX_VALUE);
        openLesson.setOnAction(e -> {
            javafx.stage.FileChooser chooser = lessonChooser();
            java.io.File file = chooser.showOpenDialog(stage);
            if (file != null) {
                try {
                    applyLesson(Lesson.read(file.toPath()), root, nav, names);
                } catch (RuntimeException ex) {
                    new Alert(Alert.AlertType.ERROR, ex.getMessage()).show();
                }
            }
        });
        javafx.scene.control.Button saveLesson = new javafx.scene.control.Button("Save lesson…");
        saveLesson.setMaxWidth(Double.MAX_VALUE);
        saveLesson.setOnAction(e -> {
            javafx.stage.FileChooser chooser = lessonChooser();
            chooser.setInitialFileName("lesson.json");
            java.io.File file = chooser.showSaveDialog(stage);
            if (file != null) {
                try {
                    captureLesson(root, nav, names).write(file.toPath());
                } catch (java.io.IOException ex) {
                    new Alert(Alert.AlertType.ERROR, file + ": could not write the lesson (" + ex.getMessage() + ")").show();
                }
            }
        });
        Label stall = new Label();
        stall.setId("ui-stall");
        stall.getStyleClass().add("hint");
        // The longest gap between UI pulses since launch: the figure a "never blocks" claim rests on.
        javafx.animation.Timeline stallReadout = new javafx.animation.Timeline(new javafx.animation.KeyFrame(javafx.util.Duration.seconds(1),
                e -> stall.setText(String.format("longest UI pause %.0f ms", stalls.worstGapMillis()))));
        stall.setWrapText(true);
        stallReadout.setCycleCount(javafx.animation.Animation.INDEFINITE);
        stallReadout.play();
        training.state.addListener((o, was, now) -> {
            if (now == TrainViewModel.State.RUNNING && was == TrainViewModel.State.IDLE) {
                stalls.reset(); // measure the run, not the launch
            }
        });
        nav.getChildren().addAll(spacer, openLesson, saveLesson, stall, version);
        root.setLeft(nav);
        lessonText.setId("lesson-text");
        lessonText.setWrapText(true);
        lessonText.getStyleClass().add("lesson-text");
        lessonText.setVisible(false);
        lessonText.setManaged(false);
        lessonText.setMaxWidth(Double.MAX_VALUE);
        root.setTop(lessonText);
        ((ToggleButton) nav.getChildren().get(0)).fire();

        Scene scene = new Scene(root, prefs.getDouble("width", 1280), prefs.getDouble("height", 800));
        scene.getStylesheets().add(LIGHT);
        if (prefs.getBoolean("dark", false)) {
            scene.getStylesheets().add(DARK);
        }
        fontSize = prefs.getDouble("fontSize", 13);
        root.setStyle("-fx-font-size: " + fontSize + "px;");
        for (int i = 0; i < views.size(); i++) {
            ToggleButton button = (ToggleButton) nav.getChildren().get(i);
            scene.getAccelerators().put(new KeyCodeCombination(KeyCode.getKeyCode(String.valueOf(i + 1)), KeyCombination.SHORTCUT_DOWN), button::fire);
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), training::start);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ESCAPE), training::stop);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN), () -> zoom(root, 2));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN), () -> zoom(root, -2));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN), () -> {
            if (!scene.getStylesheets().remove(DARK)) {
                scene.getStylesheets().add(DARK);
            }
            prefs.putBoolean("dark", scene.getStylesheets().contains(DARK));
        });

        stage.setTitle("SimCLR Workbench");
        stage.setScene(scene);
        if (prefs.getDouble("x", Double.NaN) == prefs.getDouble("x", Double.NaN)) {
            stage.setX(prefs.getDouble("x", 0));
            stage.setY(prefs.getDouble("y", 0));
        }
        stage.setOnCloseRequest(e -> {
            if (training.busy() || sweep.job.running.get() || study.job.running.get()) {
                String what = training.busy() ? "A training run" : sweep.job.running.get() ? "A temperature sweep" : "An augmentation study";
                Alert ask = new Alert(Alert.AlertType.CONFIRMATION,
                        what + " is in progress. Stop it (a checkpoint is kept, so it can be resumed) and close?",
                        ButtonType.YES, ButtonType.NO);
                ask.setHeaderText("Close while training?");
                if (ask.showAndWait().orElse(ButtonType.NO) != ButtonType.YES) {
                    e.consume();
                    return;
                }
                training.stop(); // the trainer checkpoints at its next step; stop() below waits for it
            }
            prefs.putDouble("width", scene.getWidth());
            prefs.putDouble("height", scene.getHeight());
            prefs.putDouble("x", stage.getX());
            prefs.putDouble("y", stage.getY());
        });
        stalls.start();
        stage.show();
    }

    /** Applies a lesson as the Open lesson button does (for tests). */
    void openLessonForTest(Lesson lesson) {
        applyLesson(lesson, root, nav, names);
    }

    /** A screen's node, shown or not (for tests). */
    Node screenForTest(String name) {
        return screenNodes.get(names.indexOf(name));
    }

    /** Saves what the Save lesson button saves (for tests). */
    void saveLessonForTest(java.nio.file.Path file) throws java.io.IOException {
        captureLesson(root, nav, names).write(file);
    }

    private static javafx.stage.FileChooser lessonChooser() {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("Lesson (JSON)", "*.json"));
        return chooser;
    }

    /** Everything a lesson file holds, as the window shows it now. */
    Lesson captureLesson(BorderPane root, VBox nav, List<String> names) {
        String screen = names.get(0);
        for (int i = 0; i < names.size(); i++) {
            if (((ToggleButton) nav.getChildren().get(i)).isSelected()) {
                screen = names.get(i);
            }
        }
        List<String> hidden = new java.util.ArrayList<>();
        for (Node screenNode : screenNodes) {
            collectHidden(screenNode, hidden);
        }
        return new Lesson(lessonTitle, lessonBody, screen, augmentations.preset.get().id(), augmentations.config(), augmentations.seed.get(),
                new Lesson.Training(training.encoder.get().id(), training.epochs.get(), training.batch.get(), training.temperature.get(),
                        training.learningRate.get(), training.seed.get(), training.warmupEpochs.get()),
                temperature.temperature.get(), hidden);
    }

    /** A control a lesson may hide: it has an id, and no binding owns its visibility (a hint shown only in some state). */
    private static boolean lessonControl(Node node) {
        return node.getId() != null && !node.visibleProperty().isBound();
    }

    private static void collectHidden(Node node, List<String> hidden) {
        if (lessonControl(node) && !node.isVisible()) {
            hidden.add(node.getId());
        }
        if (node instanceof javafx.scene.Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collectHidden(child, hidden));
        }
    }

    /** Sets every screen from a lesson, hides the controls it lists, shows its text, and opens its screen. */
    void applyLesson(Lesson lesson, BorderPane root, VBox nav, List<String> names) {
        lessonTitle = lesson.title();
        lessonBody = lesson.text();
        boolean hasText = lesson.text() != null && !lesson.text().isBlank();
        lessonText.setText(hasText ? (lesson.title() == null ? "" : lesson.title() + " — ") + lesson.text() : "");
        lessonText.setVisible(hasText);
        lessonText.setManaged(hasText);
        if (lesson.preset() != null) {
            augmentations.preset.set(io.simclr.workbench.augment.AugmentationPreset.parse(lesson.preset()));
        }
        if (lesson.augmentation() != null) {
            var a = lesson.augmentation();
            var base = augmentations.preset.get().config().colorJitter();
            augmentations.crop.set(a.crop().enabled());
            augmentations.cropMinScale.set(a.crop().scaleMin());
            augmentations.flip.set(a.flip().enabled());
            augmentations.rotation.set(a.rotation().enabled());
            augmentations.colorJitter.set(a.colorJitter().enabled());
            augmentations.colorStrength.set(base.brightness() > 0 ? a.colorJitter().brightness() / base.brightness() : 1);
            augmentations.grayscaleP.set(a.grayscale().enabled() ? a.grayscale().p() : 0);
            augmentations.blur.set(a.blur().enabled());
            augmentations.blurP.set(a.blur().p());
            augmentations.colorP.set(a.colorJitter().p());
            augmentations.cutout.set(a.cutout().enabled());
            augmentations.noise.set(a.noise().enabled());
            augmentations.sobel.set(a.sobel().enabled());
        }
        augmentations.seed.set(lesson.seed());
        if (lesson.training() != null) {
            Lesson.Training t = lesson.training();
            training.encoder.set(io.simclr.workbench.model.EncoderKind.parse(t.encoder()));
            training.epochs.set(t.epochs());
            training.batch.set(t.batch());
            training.temperature.set(t.temperature());
            training.learningRate.set(t.learningRate());
            if (t.seed() != null) {
                training.seed.set(t.seed());
            }
            if (t.warmupEpochs() != null) {
                training.warmupEpochs.set(Math.min(t.warmupEpochs(), t.epochs()));
            }
        }
        if (lesson.temperature() > 0) {
            temperature.temperature.set(lesson.temperature());
        }
        java.util.Set<String> hidden = new java.util.HashSet<>(lesson.hiddenOrEmpty());
        for (Node screenNode : screenNodes) {
            applyHidden(screenNode, hidden);
        }
        int index = Math.max(0, names.indexOf(lesson.screen()));
        ((ToggleButton) nav.getChildren().get(index)).fire();
    }

    private static void applyHidden(Node node, java.util.Set<String> hidden) {
        if (lessonControl(node)) {
            boolean hide = hidden.contains(node.getId());
            node.setVisible(!hide);
            node.setManaged(!hide);
        }
        if (node instanceof javafx.scene.Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> applyHidden(child, hidden));
        }
    }

    private void zoom(BorderPane root, double delta) {
        fontSize = Math.max(10, Math.min(28, fontSize + delta));
        root.setStyle("-fx-font-size: " + fontSize + "px;");
        prefs.putDouble("fontSize", fontSize);
    }

    /** The longest gap between UI pulses since start (ms). */
    public double worstStallMillis() {
        return stalls.worstGapMillis();
    }

    @Override
    public void stop() {
        stalls.stop();
        trainView.dispose();
        training.close();
        augmentations.dispose();
        temperature.dispose();
        sweep.dispose();
        study.dispose();
        embeddings.dispose();
        evaluation.dispose();
        runs.dispose();
    }

    public static void launchWindow(String[] args) {
        Application.launch(WorkbenchApp.class, args);
    }
}
