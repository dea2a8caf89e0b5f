package io.simclr.workbench;

import io.simclr.workbench.cli.WorkbenchCommand;

/** Entry point: {@code java -jar simclr-workbench.jar} opens the window; {@code <command> [options]} runs a job. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // The engine's natives ship in the app; never reach for the network unless the user asks.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        if (args.length == 0) {
            // No command: the window (README's "run" command).
            io.simclr.workbench.app.WorkbenchApp.launchWindow(args);
            System.exit(0);
        }
        System.exit(WorkbenchCommand.execute(args));
    }
}
