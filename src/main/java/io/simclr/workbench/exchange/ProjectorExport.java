package io.simclr.workbench.exchange;

import io.simclr.workbench.data.ImageResampler;
import io.simclr.workbench.embed.RunMap;
import io.simclr.workbench.eval.FeatureExtractor;
import io.simclr.workbench.files.AtomicFiles;
import io.simclr.workbench.files.TextFormats;
import io.simclr.workbench.train.RunFolder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/**
 * What TensorBoard's Embedding Projector loads, in one folder: the feature vectors (TSV, one image a
 * row), their metadata (TSV with a header: label, class name, split, image index), a sprite of the
 * thumbnails (a square grid, row-first, at most {@link #MAX_SPRITE_SIDE} px a side, as the Projector
 * requires) and {@code projector_config.pbtxt} tying them together with paths relative to the folder.
 * Point {@code tensorboard --logdir DIR} at it. Each file is written whole or not at all.
 */
public final class ProjectorExport {

    /** The Projector refuses sprites larger than this on either side. */
    public static final int MAX_SPRITE_SIDE = 8192;
    public static final String VECTORS = "vectors.tsv";
    public static final String METADATA = "metadata.tsv";
    public static final String SPRITE = "sprite.png";
    public static final String CONFIG = "projector_config.pbtxt";
    /** The metadata's header row. */
    public static final String METADATA_HEADER = "label\tclass\tsplit\tindex";

    /** @param thumbnail the side of one image in the sprite */
    public record Result(Path dir, int points, int dim, int thumbnail, int spriteSide) {}

    private ProjectorExport() {}

    /**
     * Samples {@code points} test images of the run (seeded, as its map does), extracts their
     * {@code layer} features through the trained encoder and writes the Projector's files into {@code dir}.
     */
    public static Result export(RunFolder run, int points, long seed, FeatureExtractor.Layer layer, Path dir, Consumer<String> progress)
            throws IOException {
        requireFolder(dir);
        progress.accept("extracting " + layer.id() + " features of the trained encoder");
        return write(RunMap.sample(run, points, seed, layer, progress), layer, dir);
    }

    /** Writes a sample already taken (the Embeddings screen's, or {@code tsne}'s) into {@code dir}. */
    public static Result write(RunMap.Sample sample, FeatureExtractor.Layer layer, Path dir) throws IOException {
        requireFolder(dir);
        int n = sample.size();
        int dim = sample.dim();
        int columns = gridColumns(n);
        int thumbnail = thumbnailSide(n, sample.side());
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(VECTORS), file -> {
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                float[] f = sample.features();
                for (int i = 0; i < n; i++) {
                    for (int d = 0; d < dim; d++) {
                        if (d > 0) {
                            out.write('\t');
                        }
                        out.write(Float.toString(f[i * dim + d]));
                    }
                    out.write('\n');
                }
            }
        });
        AtomicFiles.write(dir.resolve(METADATA), file -> {
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                out.write(METADATA_HEADER + "\n");
                for (int i = 0; i < n; i++) {
                    int label = sample.labels()[i];
                    out.write(label + "\t" + TextFormats.tsvField(sample.classNames().get(label)) + "\ttest\t" + sample.indices()[i] + "\n");
                }
            }
        });
        BufferedImage sprite = sprite(sample, columns, thumbnail);
        AtomicFiles.write(dir.resolve(SPRITE), file -> ImageIO.write(sprite, "png", file.toFile()));
        String name = sample.run().root().getFileName() + " " + layer.id();
        AtomicFiles.writeString(dir.resolve(CONFIG), config(name, n, dim, thumbnail));
        return new Result(dir, n, dim, thumbnail, sprite.getWidth());
    }

    private static void requireFolder(Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is a file; the Projector's files go into a folder: give a folder for --out");
        }
    }

    /** Images per row (and rows): the smallest square grid that holds {@code n}. */
    static int gridColumns(int n) {
        int c = (int) Math.ceil(Math.sqrt(n));
        return Math.max(1, c * c < n ? c + 1 : c);
    }

    /** The images' own side, or smaller where the grid would pass {@link #MAX_SPRITE_SIDE}. */
    static int thumbnailSide(int n, int side) {
        return Math.max(1, Math.min(side, MAX_SPRITE_SIDE / gridColumns(n)));
    }

    private static BufferedImage sprite(RunMap.Sample sample, int columns, int thumbnail) {
        int side = columns * thumbnail;
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        int plane = thumbnail * thumbnail;
        for (int i = 0; i < sample.size(); i++) {
            byte[] chw = ImageResampler.resizeSquare(sample.pixels()[i], sample.side(), thumbnail);
            int x0 = (i % columns) * thumbnail;
            int y0 = (i / columns) * thumbnail;
            for (int y = 0; y < thumbnail; y++) {
                for (int x = 0; x < thumbnail; x++) {
                    int p = y * thumbnail + x;
                    int rgb = (chw[p] & 0xff) << 16 | (chw[plane + p] & 0xff) << 8 | (chw[2 * plane + p] & 0xff);
                    image.setRGB(x0 + x, y0 + y, rgb);
                }
            }
        }
        return image;
    }

    static String config(String tensorName, int n, int dim, int thumbnail) {
        return String.format(Locale.ROOT, """
                embeddings {
                  tensor_name: %s
                  tensor_shape: %d
                  tensor_shape: %d
                  tensor_path: "%s"
                  metadata_path: "%s"
                  sprite {
                    image_path: "%s"
                    single_image_dim: %d
                    single_image_dim: %d
                  }
                }
                """, TextFormats.protoString(tensorName), n, dim, VECTORS, METADATA, SPRITE, thumbnail, thumbnail);
    }
}
