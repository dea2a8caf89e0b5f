package io.simclr.workbench.data;

import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.util.Locale;

/**
 * The classes of the built-in dataset. Each outline is drawn around the origin with a bounding
 * radius of about 1, so that size is a nuisance of its own rather than a cue to the class. Every
 * pair must differ at the smallest drawing (a radius of 7 px at 32 px): a hexagon was a class once,
 * and beside the circle it was told apart no better than by a coin toss.
 */
public enum ShapeKind {
    CIRCLE, SQUARE, TRIANGLE, STAR, CROSS, RING, DIAMOND, HEART, ARROW, CRESCENT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The outline in unit coordinates (y down, as on screen). */
    public Shape outline() {
        return switch (this) {
            case CIRCLE -> circle(0.92);
            case SQUARE -> polygon(4, 1.0, Math.PI / 4);
            case TRIANGLE -> polygon(3, 1.05, -Math.PI / 2);
            case STAR -> star(5, 1.05, 0.42);
            case CROSS -> cross(0.95, 0.3);
            case RING -> ring(0.95, 0.55);
            case DIAMOND -> closed(new double[][] {{0, -1.0}, {0.62, 0}, {0, 1.0}, {-0.62, 0}});
            case HEART -> heart();
            case ARROW -> arrow();
            case CRESCENT -> crescent();
        };
    }

    private static Shape circle(double r) {
        return new Ellipse2D.Double(-r, -r, 2 * r, 2 * r);
    }

    private static Shape polygon(int sides, double r, double phase) {
        double[][] v = new double[sides][];
        for (int i = 0; i < sides; i++) {
            double a = phase + 2 * Math.PI * i / sides;
            v[i] = new double[] {r * StrictMath.cos(a), r * StrictMath.sin(a)};
        }
        return closed(v);
    }

    private static Shape star(int points, double outer, double inner) {
        double[][] v = new double[2 * points][];
        for (int i = 0; i < 2 * points; i++) {
            double r = i % 2 == 0 ? outer : inner;
            double a = -Math.PI / 2 + Math.PI * i / points;
            v[i] = new double[] {r * StrictMath.cos(a), r * StrictMath.sin(a)};
        }
        return closed(v);
    }

    private static Shape cross(double arm, double half) {
        return closed(new double[][] {{-half, -arm}, {half, -arm}, {half, -half}, {arm, -half}, {arm, half}, {half, half},
                {half, arm}, {-half, arm}, {-half, half}, {-arm, half}, {-arm, -half}, {-half, -half}});
    }

    private static Shape closed(double[][] vertices) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(vertices[0][0], vertices[0][1]);
        for (int i = 1; i < vertices.length; i++) {
            p.lineTo(vertices[i][0], vertices[i][1]);
        }
        p.closePath();
        return p;
    }

    private static Shape ring(double outer, double inner) {
        Area a = new Area(circle(outer));
        a.subtract(new Area(circle(inner)));
        return a;
    }

    /** The classic parametric heart, x = 16 sin^3 t, y = 13 cos t - 5 cos 2t - 2 cos 3t - cos 4t. */
    private static Shape heart() {
        int steps = 48;
        double[][] v = new double[steps][];
        for (int i = 0; i < steps; i++) {
            double t = 2 * Math.PI * i / steps;
            v[i] = new double[] {16 * StrictMath.pow(Math.sin(t), 3) / 17.0,
                    -(13 * StrictMath.cos(t) - 5 * StrictMath.cos(2 * t) - 2 * StrictMath.cos(3 * t) - StrictMath.cos(4 * t)) / 17.0 + 0.1};
        }
        return closed(v);
    }

    private static Shape arrow() {
        return closed(new double[][] {{-1.0, -0.22}, {0.2, -0.22}, {0.2, -0.62}, {1.0, 0}, {0.2, 0.62}, {0.2, 0.22}, {-1.0, 0.22}});
    }

    private static Shape crescent() {
        Area a = new Area(circle(0.95));
        a.subtract(new Area(new Ellipse2D.Double(-0.95 + 0.5, -0.95 - 0.15, 1.9, 1.9)));
        return a;
    }
}
