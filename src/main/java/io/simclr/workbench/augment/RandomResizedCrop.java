package io.simclr.workbench.augment;

import io.simclr.workbench.data.ImageResampler;
import java.util.random.RandomGenerator;

/**
 * torchvision's {@code RandomResizedCrop}: a box covering a random fraction of the area (default
 * 0.08–1) with a log-uniform aspect ratio (default 3/4–4/3), tried ten times, falling back to the
 * largest centred box within the ratio range; the box is then resized (antialiased bilinear) to the
 * output size.
 */
public final class RandomResizedCrop {

    /** A crop box in source pixels. */
    public record Box(int x, int y, int width, int height) {}

    private final double scaleMin;
    private final double scaleMax;
    private final double logRatioMin;
    private final double logRatioMax;
    private final double ratioMin;
    private final double ratioMax;

    public RandomResizedCrop(double scaleMin, double scaleMax, double ratioMin, double ratioMax) {
        this.scaleMin = scaleMin;
        this.scaleMax = scaleMax;
        this.ratioMin = ratioMin;
        this.ratioMax = ratioMax;
        this.logRatioMin = StrictMath.log(ratioMin);
        this.logRatioMax = StrictMath.log(ratioMax);
    }

    public Box sample(int width, int height, RandomGenerator rng) {
        double area = (double) width * height;
        for (int attempt = 0; attempt < 10; attempt++) {
            double targetArea = area * uniform(rng, scaleMin, scaleMax);
            double aspect = StrictMath.exp(uniform(rng, logRatioMin, logRatioMax));
            int w = (int) Math.round(Math.sqrt(targetArea * aspect));
            int h = (int) Math.round(Math.sqrt(targetArea / aspect));
            if (w > 0 && h > 0 && w <= width && h <= height) {
                int y = rng.nextInt(height - h + 1);
                int x = rng.nextInt(width - w + 1);
                return new Box(x, y, w, h);
            }
        }
        double inRatio = (double) width / height;
        int w;
        int h;
        if (inRatio < ratioMin) {
            w = width;
            h = (int) Math.round(w / ratioMin);
        } else if (inRatio > ratioMax) {
            h = height;
            w = (int) Math.round(h * ratioMax);
        } else {
            w = width;
            h = height;
        }
        return new Box((width - w) / 2, (height - h) / 2, w, h);
    }

    /** Crops and resizes {@code source} (3 x side x side) into {@code out} (3 x outSide x outSide). */
    public void apply(float[] source, int side, float[] out, int outSide, RandomGenerator rng, float[] scratch) {
        Box box = sample(side, side, rng);
        ImageResampler.resize(source, side, side, box.x(), box.y(), box.width(), box.height(), out, outSide, outSide, scratch);
    }

    private static double uniform(RandomGenerator rng, double lo, double hi) {
        return lo == hi ? lo : lo + (hi - lo) * rng.nextDouble();
    }
}
