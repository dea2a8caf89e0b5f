package io.simclr.workbench.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Labeled;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The window on a 1366x768 laptop, zoomed three steps for a projector, and in the dark theme. */
class WindowLayoutTest extends FxRobot {

    private WorkbenchApp app;
    private Stage stage;

    @BeforeEach
    void launch() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        app = (WorkbenchApp) FxToolkit.setupApplication(WorkbenchApp.class);
        interact(() -> {
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1366);
            stage.setHeight(768);
        });
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupApplication(app);
        java.util.prefs.Preferences.userRoot().node(System.getProperty("simclr.workbench.prefs")).removeNode();
    }

    @Test
    void theWindowFitsTheScreenItOpensOn() {
        var fitted = WindowPlacement.fit(new javafx.geometry.Rectangle2D(0, 0, 1366, 768), 1280, 800, 40, -11);
        assertEquals(768, fitted.getHeight(), 1e-9, "no taller than the screen");
        assertEquals(0, fitted.getMinY(), 1e-9, "not above its top edge");
        assertEquals(40, fitted.getMinX(), 1e-9, "where it was, when that is on screen");
        var elsewhere = WindowPlacement.fit(new javafx.geometry.Rectangle2D(0, 0, 1366, 768), 1000, 700, 3000, 2000);
        assertTrue(elsewhere.getMaxX() <= 1366 && elsewhere.getMaxY() <= 768, "a place off this screen is brought back onto it");
    }

    @Test
    void zoomedThreeStepsEveryToolbarButtonShowsItsWholeTextAndStartStaysOnScreen() {
        double before = app.appearanceForTest().fontSize.get();
        press(KeyCode.CONTROL).type(KeyCode.PLUS).type(KeyCode.ADD).type(KeyCode.EQUALS).release(KeyCode.CONTROL);
        assertEquals(before + 3 * Appearance.ZOOM_STEP, app.appearanceForTest().fontSize.get(), 1e-9,
                "Ctrl with plus, the numpad's + and = each zoom in");
        List<String> cut = new ArrayList<>();
        for (Screen screen : Screen.values()) {
            interact(() -> app.show(screen));
            WaitForAsyncUtils.waitForFxEvents();
            for (Labeled labeled : buttons(stage.getScene().getRoot())) {
                Text shown = (Text) labeled.lookup(".text");
                if (shown(labeled) && shown != null && !labeled.getText().isEmpty() && !shown.getText().equals(labeled.getText())) {
                    cut.add(screen + ": \"" + labeled.getText() + "\" shows as \"" + shown.getText() + "\"");
                }
            }
            double font = app.appearanceForTest().fontSize.get();
            for (Node chart : charts(stage.getScene().getRoot())) {
                Bounds c = chart.getLayoutBounds();
                if (shown(chart) && (c.getWidth() < 12 * font || c.getHeight() < 9 * font)) {
                    cut.add(screen + ": chart " + chart.getId() + " squeezed to " + Math.round(c.getWidth()) + "x" + Math.round(c.getHeight()));
                }
            }
            if (screen == Screen.TRAIN) {
                Node start = lookup("#train-start").query();
                Bounds b = start.localToScene(start.getBoundsInLocal());
                assertTrue(b.getMinY() >= 0 && b.getMaxY() <= stage.getScene().getHeight() && b.getMaxX() <= stage.getScene().getWidth(),
                        "Start is on screen: " + b + " in " + stage.getScene().getWidth() + "x" + stage.getScene().getHeight());
            }
        }
        assertTrue(cut.isEmpty(), String.join("\n", cut));
    }

    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** The chart viewers below {@code node}. */
    private static List<org.jfree.chart.fx.ChartViewer> charts(Parent node) {
        List<org.jfree.chart.fx.ChartViewer> found = new ArrayList<>();
        for (Node child : node.getChildrenUnmodifiable()) {
            if (child instanceof org.jfree.chart.fx.ChartViewer viewer) {
                found.add(viewer);
            } else if (child instanceof Parent p) {
                found.addAll(charts(p));
            }
        }
        return found;
    }

    /** The buttons, toggles and check boxes below {@code node} that are on screen now. */
    private static List<Labeled> buttons(Parent node) {
        List<Labeled> found = new ArrayList<>();
        for (Node child : node.getChildrenUnmodifiable()) {
            if (child instanceof ButtonBase b) {
                found.add(b);
            }
            if (child instanceof Parent p && !(child instanceof javafx.scene.control.ComboBoxBase<?>)) {
                found.addAll(buttons(p));
            }
        }
        return found;
    }

    @Test
    void theDarkThemeReachesTheChartsTheBannerAndBack() {
        interact(() -> app.show(Screen.TRAIN));
        WaitForAsyncUtils.waitForFxEvents();
        JFreeChart loss = lookup("#chart-loss").queryAs(ChartViewer.class).getChart();
        assertEquals(java.awt.Color.WHITE, loss.getBackgroundPaint());
        press(KeyCode.CONTROL).type(KeyCode.D).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        Appearance.Palette dark = app.appearanceForTest().palette();
        assertTrue(dark.dark());
        assertEquals(dark.background(), loss.getBackgroundPaint(), "the chart takes the dark background");
        assertEquals(dark.text(), loss.getTitle().getPaint(), "and light text");
        assertTrue(stage.getScene().getStylesheets().stream().anyMatch(s -> s.endsWith("dark.css")));
        press(KeyCode.CONTROL).type(KeyCode.D).release(KeyCode.CONTROL);
        assertEquals(java.awt.Color.WHITE, loss.getBackgroundPaint(), "and back");
    }
}
