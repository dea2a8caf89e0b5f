package io.simclr.workbench.app;

import java.util.prefs.Preferences;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Where the window opens: its size and place from last time, but always inside the screen it opens
 * on (a 1280x800 window on a 1366x768 laptop opened 11 px above the top edge with its foot cut off).
 */
final class WindowPlacement {

    static final double DEFAULT_WIDTH = 1280;
    static final double DEFAULT_HEIGHT = 800;

    private WindowPlacement() {}

    /** The rectangle the window gets on a screen whose usable area is {@code screen}. */
    static Rectangle2D fit(Rectangle2D screen, double width, double height, double x, double y) {
        double w = Math.min(width, screen.getWidth());
        double h = Math.min(height, screen.getHeight());
        double left = Double.isNaN(x) ? screen.getMinX() + (screen.getWidth() - w) / 2 : x;
        double top = Double.isNaN(y) ? screen.getMinY() + (screen.getHeight() - h) / 2 : y;
        left = Math.max(screen.getMinX(), Math.min(left, screen.getMaxX() - w));
        top = Math.max(screen.getMinY(), Math.min(top, screen.getMaxY() - h));
        return new Rectangle2D(left, top, w, h);
    }

    static void restore(Stage stage, Preferences prefs) {
        double x = prefs.getDouble("x", Double.NaN);
        double y = prefs.getDouble("y", Double.NaN);
        var remembered = Double.isNaN(x) || Double.isNaN(y) ? java.util.List.<Screen>of() : Screen.getScreensForRectangle(x, y, 1, 1);
        Screen screen = remembered.isEmpty() ? Screen.getPrimary() : remembered.get(0);
        // A place on no screen now (a projector unplugged) is forgotten: the window is centred instead.
        Rectangle2D place = fit(screen.getVisualBounds(), prefs.getDouble("width", DEFAULT_WIDTH), prefs.getDouble("height", DEFAULT_HEIGHT),
                remembered.isEmpty() ? Double.NaN : x, remembered.isEmpty() ? Double.NaN : y);
        stage.setX(place.getMinX());
        stage.setY(place.getMinY());
        stage.setWidth(place.getWidth());
        stage.setHeight(place.getHeight());
    }

    static void remember(Stage stage, Preferences prefs) {
        prefs.putDouble("width", stage.getWidth());
        prefs.putDouble("height", stage.getHeight());
        prefs.putDouble("x", stage.getX());
        prefs.putDouble("y", stage.getY());
    }
}
