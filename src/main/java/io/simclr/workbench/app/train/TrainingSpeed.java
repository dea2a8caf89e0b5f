package io.simclr.workbench.app.train;

import io.simclr.workbench.method.MethodKind;
import io.simclr.workbench.model.EncoderKind;
import java.util.Locale;
import java.util.prefs.Preferences;

/**
 * How fast this computer trains, for the time a run will take, shown before Start: views per second
 * measured by the last run of the same method, encoder and image size here, or, before any, SimCLR's
 * figure measured on a 2-core laptop (scaled by the image's area for other sizes). Methods differ in
 * cost per view (MoCo and BYOL also run a momentum copy of the network), so one method's speed is
 * never another's estimate.
 */
public final class TrainingSpeed {

    /**
     * Views per second at 32 px on the 2-core development machine, measured 2026-11-29 with
     * {@code bench train --encoder E --batch 64} (the encoder's default stem and an MLP head), less a sixth for the
     * window's own drawing and the augmentation threads (a class demo there trained at 450-530 views/s).
     */
    static double laptopViewsPerSecond(EncoderKind encoder) {
        return switch (encoder) {
            case SMALL -> 550;
            case RESNET18 -> 26;
            case RESNET50 -> 5;
            case EFFICIENTNET_B0 -> 75;
            case INCEPTION_V3 -> 34;
            case XCEPTION -> 17;
            case INCEPTION_RESNET_V2 -> 23;
        };
    }

    /** An estimate and where its speed came from. */
    public record Estimate(double seconds, boolean measuredHere, MethodKind method) {
        /** "about 1 min 15 s here (speed of your last run like it)". */
        public String describe() {
            long s = Math.round(seconds);
            String time = s < 90 ? s + " s" : s < 3600 ? (s / 60) + " min " + (s % 60 < 10 ? "0" : "") + (s % 60) + " s"
                    : String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
            if (measuredHere) {
                return "about " + time + " here (speed of your last run like it)";
            }
            return "about " + time + (method == MethodKind.SIMCLR ? " (speed of a 2-core laptop; your first run measures this one)"
                    : " at SimCLR's speed on a 2-core laptop; your first " + method.id() + " run measures " + method.id() + "'s");
        }
    }

    private final Preferences prefs;

    /** @param prefs where measured speeds are kept; null keeps none (tests) */
    public TrainingSpeed(Preferences prefs) {
        this.prefs = prefs;
    }

    private static String key(MethodKind method, EncoderKind encoder, int size) {
        return "viewsPerSecond." + method.id() + "." + encoder.id() + "." + size;
    }

    /** Remembers what an epoch of a run measured. */
    public void record(MethodKind method, EncoderKind encoder, int size, double viewsPerSecond) {
        if (prefs != null && viewsPerSecond > 0 && Double.isFinite(viewsPerSecond)) {
            prefs.putDouble(key(method, encoder, size), viewsPerSecond);
        }
    }

    /** The time {@code views} training views take with {@code method} and {@code encoder} at {@code size} px. */
    public Estimate estimate(MethodKind method, EncoderKind encoder, int size, long views) {
        double measured = prefs == null ? 0 : prefs.getDouble(key(method, encoder, size), 0);
        if (measured > 0) {
            return new Estimate(views / measured, true, method);
        }
        double scaled = laptopViewsPerSecond(encoder) * (32.0 * 32.0) / ((double) size * size);
        return new Estimate(views / scaled, false, method);
    }
}
