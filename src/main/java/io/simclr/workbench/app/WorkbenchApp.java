package io.simclr.workbench.app;

import io.simclr.workbench.AppVersion;
import io.simclr.workbench.app.augment.AugmentationsView;
import io.simclr.workbench.app.augment.AugmentationsViewModel;
import io.simclr.workbench.app.embed.EmbeddingsView;
import io.simclr.workbench.app.embed.EmbeddingsViewModel;
import io.simclr.workbench.app.evaluate.EvaluateView;
import io.simclr.workbench.app.evaluate.EvaluateViewModel;
import io.simclr.workbench.app.runs.RunsView;
import io.simclr.workbench.app.runs.RunsViewModel;
import io.simclr.workbench.app.start.StartView;
import io.simclr.workbench.app.study.BackboneView;
import io.simclr.workbench.app.study.BackboneViewModel;
import io.simclr.workbench.app.study.CompareView;
import io.simclr.workbench.app.study.CompareViewModel;
import io.simclr.workbench.app.study.MethodMapView;
import io.simclr.workbench.app.study.StudyView;
import io.simclr.workbench.app.study.StudyViewModel;
import io.simclr.workbench.app.temperature.SweepView;
import io.simclr.workbench.app.temperature.SweepViewModel;
import io.simclr.workbench.app.temperature.TemperatureView;
import io.simclr.workbench.app.temperature.TemperatureViewModel;
import io.simclr.workbench.app.train.TrainView;
import io.simclr.workbench.app.train.TrainViewModel;
import io.simclr.workbench.app.train.TrainingSpeed;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.prefs.Preferences;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The window: a column of screen buttons on the left, the chosen screen beside it, a lesson's text
 * above. F1 opens the Start page, Ctrl+1…7 the other screens, Ctrl+Enter starts training, Escape
 * stops it, Ctrl+plus / Ctrl+minus / Ctrl+0 zoom everything for a projector, Ctrl+D switches the
 * dark theme. Size, place, zoom and theme are remembered, and the window always opens on screen.
 */
public final class WorkbenchApp extends Application implements Navigation {

    /** Window layout, zoom and theme; tests point it elsewhere so they leave a user's settings alone. */
    private final Preferences prefs = WorkbenchPrefs.node();
    private final UiStallMeter stalls = new UiStallMeter();
    private final Map<Screen, Node> screens = new EnumMap<>(Screen.class);
    private final Map<Screen, ToggleButton> buttons = new EnumMap<>(Screen.class);
    private final BorderPane root = new BorderPane();
    private Screen shown = Screen.START;

    private Appearance appearance;
    private RunCatalog catalog;
    private DatasetChoice dataset;
    private AugmentationsViewModel augmentations;
    private TrainViewModel training;
    private TrainView trainView;
    private TemperatureViewModel temperature;
    private SweepViewModel sweep;
    private StudyViewModel study;
    private CompareViewModel comparison;
    private BackboneViewModel backbones;
    /** The window's sweeps and studies, each with what the close dialog calls it. */
    private final Map<ExperimentJob, String> experiments = new LinkedHashMap<>();
    private EmbeddingsViewModel embeddings;
    private EvaluateViewModel evaluation;
    private RunsViewModel runs;
    private LessonController lessons;
    private FxDialogs dialogs;
    private Timeline catalogRefresh;

    @Override
    public void start(Stage stage) {
        Executor ui = Platform::runLater;
        appearance = new Appearance(prefs);
        dialogs = new FxDialogs(stage, page -> getHostServices().showDocument(page.toUri().toString()));
        catalog = new RunCatalog(Path.of(System.getProperty("simclr.workbench.runs", "runs")), ui);
        dataset = new DatasetChoice(ui);
        createScreens(ui);
        lessons = new LessonController(List.of(augmentations, training, temperature), screens, () -> shown, this::show);

        root.setId("workbench-root");
        root.setLeft(navigation(stage));
        root.setTop(lessons.banner());
        Scene scene = new Scene(root);
        appearance.attach(scene);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::shortcut);

        stage.setTitle("SimCLR Workbench");
        stage.setScene(scene);
        WindowPlacement.restore(stage, prefs);
        stage.setOnCloseRequest(e -> {
            if (!confirmClose()) {
                e.consume();
                return;
            }
            WindowPlacement.remember(stage, prefs);
        });
        show(prefs.getBoolean("showStart", true) ? Screen.START : Screen.AUGMENTATIONS);
        catalog.refresh();
        temperature.load();
        // Runs made elsewhere (a command line, a sweep) appear without a Refresh button.
        catalogRefresh = new Timeline(new KeyFrame(Duration.seconds(3), e -> catalog.refresh()));
        catalogRefresh.setCycleCount(Animation.INDEFINITE);
        catalogRefresh.play();
        stalls.start();
        stage.show();
    }

    private void createScreens(Executor ui) {
        augmentations = new AugmentationsViewModel(ui);
        training = new TrainViewModel(dataset, catalog, new TrainingSpeed(prefs));
        trainView = new TrainView(training, dataset, catalog, dialogs, this, appearance);
        temperature = new TemperatureViewModel(catalog, ui);
        sweep = new SweepViewModel(dataset::config, 64, ui);
        study = new StudyViewModel(dataset::config, 64);
        comparison = new CompareViewModel(dataset::config, 64);
        backbones = new BackboneViewModel(dataset::config);
        evaluation = new EvaluateViewModel(catalog, ui);
        embeddings = new EmbeddingsViewModel(catalog, ui);
        runs = new RunsViewModel(catalog, ui);
        experiments.put(sweep.job, "A temperature sweep");
        experiments.put(study.job, "An augmentation study");
        experiments.put(comparison.job, "A method comparison");
        experiments.put(backbones.job, "A backbone study");
        // One training job at a time: on a laptop's few cores two would each crawl.
        BooleanBinding trainScreenBusy = training.state.isNotEqualTo(TrainViewModel.State.IDLE);
        training.blocked.bind(anyRunning(null));
        for (ExperimentJob job : experiments.keySet()) {
            job.blocked.bind(trainScreenBusy.or(anyRunning(job)));
            job.running.addListener((o, was, now) -> catalog.refresh());
        }
        training.state.addListener((o, was, now) -> {
            if (now == TrainViewModel.State.RUNNING && was == TrainViewModel.State.IDLE) {
                stalls.reset(); // measure the run, not the launch
            }
        });

        BooleanProperty showAtStart = new SimpleBooleanProperty(prefs.getBoolean("showStart", true));
        showAtStart.addListener((o, was, now) -> prefs.putBoolean("showStart", now));
        screens.put(Screen.START, new StartView(new StartView.Actions() {
            @Override
            public void show(Screen screen) {
                WorkbenchApp.this.show(screen);
            }

            @Override
            public void runClassDemo() {
                training.recipe.set(TrainViewModel.Recipe.CLASS_DEMO);
                WorkbenchApp.this.show(Screen.TRAIN);
                training.start();
            }

            @Override
            public void openLesson(Lesson lesson) {
                lessons.open(lesson);
            }

            @Override
            public void openLessonFile() {
                WorkbenchApp.this.openLessonFile();
            }
        }, showAtStart));
        screens.put(Screen.AUGMENTATIONS, new AugmentationsView(augmentations, dialogs, appearance));
        screens.put(Screen.TRAIN, trainView);
        screens.put(Screen.EVALUATE, new EvaluateView(evaluation, catalog, dialogs, appearance));
        screens.put(Screen.EMBEDDINGS, new EmbeddingsView(embeddings, catalog, dialogs, appearance));
        screens.put(Screen.TEMPERATURE, new TemperatureView(temperature, new SweepView(sweep, catalog.folder(), dialogs, appearance, dataset),
                catalog, dialogs, appearance));
        TabPane studies = new TabPane(new Tab("Augmentation study", new StudyView(study, catalog.folder(), dialogs, appearance)),
                new Tab("Compare methods", new CompareView(comparison, catalog.folder(), dialogs, appearance)),
                new Tab("Backbone study", new BackboneView(backbones, catalog.folder(), dialogs, appearance)),
                new Tab("Map of methods", new MethodMapView(appearance, method -> {
                    training.method.set(method);
                    show(Screen.TRAIN);
                })));
        studies.setId("study-tabs");
        studies.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        screens.put(Screen.STUDY, studies);
        screens.put(Screen.RUNS, new RunsView(runs, dialogs, this, appearance, dataset));
    }

    /** True while any of the window's sweeps and studies other than {@code except} runs. */
    private BooleanBinding anyRunning(ExperimentJob except) {
        List<ExperimentJob> others = experiments.keySet().stream().filter(job -> job != except).toList();
        return javafx.beans.binding.Bindings.createBooleanBinding(() -> others.stream().anyMatch(job -> job.running.get()),
                others.stream().map(job -> job.running).toArray(javafx.beans.Observable[]::new));
    }

    /** The column of screen buttons, the lesson buttons and the UI-pause readout. */
    private Node navigation(Stage stage) {
        VBox nav = new VBox(4);
        nav.getStyleClass().add("nav");
        nav.setPadding(new Insets(10));
        ToggleGroup group = new ToggleGroup();
        for (Screen screen : Screen.values()) {
            ToggleButton button = new ToggleButton(screen.title());
            button.setId(screen.navId());
            button.setToggleGroup(group);
            button.setMaxWidth(Double.MAX_VALUE);
            button.setMinWidth(Region.USE_PREF_SIZE);
            button.setOnAction(e -> show(screen));
            buttons.put(screen, button);
            nav.getChildren().add(button);
        }
        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        Button openLesson = new Button("Open lesson…");
        openLesson.setId("nav-open-lesson");
        openLesson.setMaxWidth(Double.MAX_VALUE);
        openLesson.setOnAction(e -> openLessonFile());
        Button saveLesson = new Button("Save lesson…");
        saveLesson.setId("nav-save-lesson");
        saveLesson.setMaxWidth(Double.MAX_VALUE);
        saveLesson.setOnAction(e -> lessons.save(dialogs, Path.of("samples", "lessons")));
        Label stall = Widgets.hint("");
        stall.setId("ui-stall");
        // The longest gap between UI pulses since launch: the figure a "never blocks" claim rests on.
        Timeline stallReadout = new Timeline(new KeyFrame(Duration.seconds(1),
                e -> stall.setText(String.format("longest UI pause %.0f ms", stalls.worstGapMillis()))));
        stallReadout.setCycleCount(Animation.INDEFINITE);
        stallReadout.play();
        Label version = Widgets.hint("SimCLR Workbench " + AppVersion.app());
        nav.getChildren().addAll(spacer, openLesson, saveLesson, stall, version);
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(nav);
        scroll.setFitToHeight(true);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("nav-scroll");
        return scroll;
    }

    private void openLessonFile() {
        dialogs.chooseOpenFile("Open lesson", Path.of("samples", "lessons"), "Lesson (JSON)", "*.json").ifPresent(file -> {
            try {
                lessons.open(Lesson.read(file));
            } catch (RuntimeException ex) {
                dialogs.showError("The lesson could not be opened", ex.getMessage());
            }
        });
    }

    @Override
    public void show(Screen screen) {
        shown = screen;
        root.setCenter(screens.get(screen));
        buttons.get(screen).setSelected(true);
    }

    @Override
    public void evaluate(Path run) {
        catalog.pick(run);
        show(Screen.EVALUATE);
        evaluation.evaluate();
    }

    @Override
    public void map(Path run) {
        catalog.pick(run);
        show(Screen.EMBEDDINGS);
        embeddings.map(false);
    }

    /**
     * The window's keys. Zoom takes Ctrl with plus however the keyboard makes it (the = key, Shift+=,
     * the numpad's +), minus, and 0 to reset.
     */
    private void shortcut(KeyEvent e) {
        if (e.getCode() == KeyCode.F1) {
            show(Screen.START);
        } else if (e.getCode() == KeyCode.ESCAPE) {
            training.stop();
            return; // Escape also closes menus and dialogs
        } else if (!e.isShortcutDown()) {
            return;
        } else if (e.getCode() == KeyCode.PLUS || e.getCode() == KeyCode.EQUALS || e.getCode() == KeyCode.ADD) {
            appearance.zoom(1);
        } else if (e.getCode() == KeyCode.MINUS || e.getCode() == KeyCode.SUBTRACT) {
            appearance.zoom(-1);
        } else if (e.getCode() == KeyCode.D) {
            appearance.dark.set(!appearance.dark.get());
        } else if (e.getCode() == KeyCode.ENTER) {
            training.start();
        } else if (e.getCode().isDigitKey()) {
            // "1" … "9" and "Numpad 1" …: the digit ends the key's name.
            String name = e.getCode().getName();
            int n = Character.getNumericValue(name.charAt(name.length() - 1));
            if (n == 0) {
                appearance.resetZoom();
            } else if (n < Screen.values().length) {
                show(Screen.values()[n]);
            }
        } else {
            return;
        }
        e.consume();
    }

    private boolean confirmClose() {
        String what = training.busy() ? "A training run" : experiments.entrySet().stream().filter(e -> e.getKey().running.get())
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (what == null) {
            return true;
        }
        if (!dialogs.confirm("Close while training?", what + " is in progress. Stop it (a checkpoint is kept, so it can be resumed) and close?")) {
            return false;
        }
        training.stop(); // the trainer checkpoints at its next step; stop() below waits for it
        return true;
    }

    /** Opens a lesson as the Open lesson button does (for tests). */
    void openLessonForTest(Lesson lesson) {
        lessons.open(lesson);
    }

    /** A control a lesson may hide, found on any screen, shown or not (for tests). */
    Node hideableForTest(String id) {
        return lessons.find(id);
    }

    /** A screen's node, shown or not (for tests). */
    Node screenForTest(Screen screen) {
        return screens.get(screen);
    }

    /** Saves what the Save lesson button saves, without its dialog (for tests). */
    void saveLessonForTest(Path file) throws java.io.IOException {
        lessons.capture().write(file);
    }

    Appearance appearanceForTest() {
        return appearance;
    }

    TrainViewModel trainingForTest() {
        return training;
    }

    RunCatalog catalogForTest() {
        return catalog;
    }

    DatasetChoice datasetForTest() {
        return dataset;
    }

    EvaluateViewModel evaluationForTest() {
        return evaluation;
    }

    EmbeddingsViewModel embeddingsForTest() {
        return embeddings;
    }

    /** The longest gap between UI pulses since start (ms). */
    public double worstStallMillis() {
        return stalls.worstGapMillis();
    }

    @Override
    public void stop() {
        stalls.stop();
        if (catalogRefresh != null) {
            catalogRefresh.stop();
        }
        trainView.dispose();
        training.close();
        augmentations.dispose();
        temperature.dispose();
        sweep.dispose();
        study.dispose();
        comparison.dispose();
        backbones.dispose();
        embeddings.dispose();
        evaluation.dispose();
        runs.dispose();
        catalog.dispose();
        dataset.dispose();
    }

    public static void launchWindow(String[] args) {
        Application.launch(WorkbenchApp.class, args);
    }
}
