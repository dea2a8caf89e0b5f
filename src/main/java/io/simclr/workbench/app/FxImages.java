package io.simclr.workbench.app;

import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;

/** Pictures for the window from the core's float CHW images. */
public final class FxImages {

    private FxImages() {}

    /** A 3 x side x side image with values in [0, 1]. */
    public static WritableImage fromChw(float[] chw, int side) {
        WritableImage image = new WritableImage(side, side);
        PixelWriter writer = image.getPixelWriter();
        int plane = side * side;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int i = y * side + x;
                int r = channel(chw[i]);
                int g = channel(chw[plane + i]);
                int b = channel(chw[2 * plane + i]);
                writer.setArgb(x, y, 0xff000000 | r << 16 | g << 8 | b);
            }
        }
        return image;
    }

    private static int channel(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255)));
    }
}
