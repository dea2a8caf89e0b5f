package io.simclr.workbench.data;

/**
 * Resizes planar float RGB images with an antialiased bilinear (triangle) filter whose support
 * widens when shrinking, as Pillow does and torchvision's {@code antialias=True} matches. Separable:
 * one horizontal pass into a scratch buffer, one vertical pass out.
 *
 * <p>Stateless and thread-safe; callers pass the scratch buffer so hot loops allocate little.
 */
public final class ImageResampler {
    private ImageResampler() {}

    /** Filter taps for one axis: output i reads {@code count[i]} inputs from {@code start[i]}. */
    static final class Taps {
        final int[] start;
        final int[] count;
        final float[] weights;
        final int stride;

        Taps(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = filterScale; // the triangle filter's support is 1, widened when shrinking
            stride = (int) Math.ceil(support) * 2 + 1;
            start = new int[outSize];
            count = new int[outSize];
            weights = new float[outSize * stride];
            for (int o = 0; o < outSize; o++) {
                double center = (o + 0.5) * scale;
                int lo = Math.max((int) (center - support + 0.5), 0);
                int hi = Math.min((int) (center + support + 0.5), inSize);
                double total = 0;
                int n = hi - lo;
                for (int k = 0; k < n; k++) {
                    double x = (k + lo - center + 0.5) / filterScale;
                    double w = Math.max(0.0, 1.0 - Math.abs(x));
                    weights[o * stride + k] = (float) w;
                    total += w;
                }
                if (total > 0) {
                    for (int k = 0; k < n; k++) {
                        weights[o * stride + k] /= (float) total;
                    }
                }
                start[o] = lo;
                count[o] = n;
            }
        }
    }

    /** Scratch length needed by {@link #resize} for a crop of height {@code cropH} to width {@code outW}. */
    public static int scratchLength(int cropH, int outW) {
        return 3 * cropH * outW;
    }

    /**
     * Resizes the box {@code (x0, y0, cropW, cropH)} of {@code src} (3 x srcH x srcW) to
     * {@code dst} (3 x outH x outW).
     */
    public static void resize(float[] src, int srcW, int srcH, int x0, int y0, int cropW, int cropH,
                              float[] dst, int outW, int outH, float[] scratch) {
        if (x0 < 0 || y0 < 0 || cropW <= 0 || cropH <= 0 || x0 + cropW > srcW || y0 + cropH > srcH) {
            throw new IllegalArgumentException("crop box (" + x0 + ", " + y0 + ", " + cropW + ", " + cropH
                    + ") is outside the " + srcW + "x" + srcH + " image");
        }
        if (cropW == outW && cropH == outH) {
            copyBox(src, srcW, srcH, x0, y0, dst, outW, outH);
            return;
        }
        Taps horizontal = new Taps(cropW, outW);
        Taps vertical = new Taps(cropH, outH);
        int srcPlane = srcW * srcH;
        int tmpPlane = cropH * outW;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < cropH; y++) {
                int row = c * srcPlane + (y0 + y) * srcW + x0;
                int out = c * tmpPlane + y * outW;
                for (int o = 0; o < outW; o++) {
                    int base = row + horizontal.start[o];
                    int wb = o * horizontal.stride;
                    float sum = 0f;
                    for (int k = 0, n = horizontal.count[o]; k < n; k++) {
                        sum += horizontal.weights[wb + k] * src[base + k];
                    }
                    scratch[out + o] = sum;
                }
            }
        }
        int dstPlane = outW * outH;
        for (int c = 0; c < 3; c++) {
            for (int o = 0; o < outH; o++) {
                int out = c * dstPlane + o * outW;
                java.util.Arrays.fill(dst, out, out + outW, 0f);
                int wb = o * vertical.stride;
                for (int k = 0, n = vertical.count[o]; k < n; k++) {
                    float w = vertical.weights[wb + k];
                    int row = c * tmpPlane + (vertical.start[o] + k) * outW;
                    for (int x = 0; x < outW; x++) {
                        dst[out + x] += w * scratch[row + x];
                    }
                }
            }
        }
    }

    private static void copyBox(float[] src, int srcW, int srcH, int x0, int y0, float[] dst, int w, int h) {
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(src, c * srcW * srcH + (y0 + y) * srcW + x0, dst, c * w * h + y * w, w);
            }
        }
    }

    /**
     * Makes a square {@code size} image from any {@code w x h} one the way torchvision's
     * {@code Resize(size)} then {@code CenterCrop(size)} does: the shorter side to {@code size}, the
     * centre kept.
     */
    public static float[] resizeShorterSideAndCenterCrop(float[] src, int w, int h, int size) {
        int cropSide = Math.min(w, h);
        int x0 = (w - cropSide) / 2;
        int y0 = (h - cropSide) / 2;
        float[] dst = new float[3 * size * size];
        resize(src, w, h, x0, y0, cropSide, cropSide, dst, size, size, new float[scratchLength(cropSide, size)]);
        return dst;
    }

    public static float[] toFloat(byte[] chw) {
        float[] out = new float[chw.length];
        toFloat(chw, out, 0);
        return out;
    }

    /** uint8 values scaled to [0, 1], written to {@code out} from {@code offset} on. */
    public static void toFloat(byte[] chw, float[] out, int offset) {
        for (int i = 0; i < chw.length; i++) {
            out[offset + i] = (chw[i] & 0xff) * (1f / 255f);
        }
    }

    public static byte[] toBytes(float[] chw) {
        byte[] out = new byte[chw.length];
        for (int i = 0; i < chw.length; i++) {
            out[i] = (byte) Math.max(0, Math.min(255, Math.round(chw[i] * 255f)));
        }
        return out;
    }

    /** Resizes a uint8 CHW square image to another side length (identity when equal). */
    public static byte[] resizeSquare(byte[] chw, int side, int size) {
        if (side == size) {
            return chw;
        }
        return toBytes(resizeShorterSideAndCenterCrop(toFloat(chw), side, side, size));
    }
}
