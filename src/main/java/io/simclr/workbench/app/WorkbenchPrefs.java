package io.simclr.workbench.app;

import java.util.prefs.Preferences;

/** Where the window keeps what it remembers between launches; {@code -Dsimclr.workbench.prefs} points it elsewhere (tests, a second profile). */
final class WorkbenchPrefs {

    private WorkbenchPrefs() {}

    static Preferences node() {
        return Preferences.userRoot().node(System.getProperty("simclr.workbench.prefs", "io/simclr/workbench/app"));
    }
}
