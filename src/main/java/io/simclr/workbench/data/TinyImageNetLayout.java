package io.simclr.workbench.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Tiny ImageNet layout: {@code wnids.txt} lists the class ids, {@code train/<wnid>/images/*.JPEG}
 * holds training images, {@code val/images/*} the validation images whose classes
 * {@code val/val_annotations.txt} gives (file, wnid, box). Its validation set serves as the test split.
 */
final class TinyImageNetLayout {
    private TinyImageNetLayout() {}

    static boolean matches(Path folder) {
        return Files.isRegularFile(folder.resolve("wnids.txt")) && Files.isDirectory(folder.resolve("train"));
    }

    static ImageFolderReader.Listing list(Path folder, Split split) {
        List<String> wnids = readLines(folder.resolve("wnids.txt"));
        if (wnids.size() < 2) {
            throw new DatasetException(folder.resolve("wnids.txt") + ": lists " + wnids.size() + " class ids; Tiny ImageNet needs one per line, at least two");
        }
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < wnids.size(); i++) {
            index.put(wnids.get(i), i);
        }
        List<String> classNames = classNames(folder, wnids);
        List<ImageFolderReader.Entry> entries = new ArrayList<>();
        switch (split) {
            case TRAIN -> {
                for (String wnid : wnids) {
                    Path images = folder.resolve("train").resolve(wnid).resolve("images");
                    Path dir = Files.isDirectory(images) ? images : folder.resolve("train").resolve(wnid);
                    if (!Files.isDirectory(dir)) {
                        throw new DatasetException(dir + ": missing; wnids.txt lists class " + wnid + " but train/ has no folder for it");
                    }
                    for (Path file : ImageFolderReader.files(dir)) {
                        entries.add(new ImageFolderReader.Entry(file, index.get(wnid)));
                    }
                }
            }
            case TEST -> {
                Path annotations = folder.resolve("val").resolve("val_annotations.txt");
                if (!Files.isRegularFile(annotations)) {
                    throw new DatasetException(annotations + ": missing; it gives each validation image's class."
                            + " Restore it from the Tiny ImageNet archive (tiny-imagenet-200/val/val_annotations.txt)");
                }
                Path images = folder.resolve("val").resolve("images");
                List<String> lines = readLines(annotations);
                for (int n = 0; n < lines.size(); n++) {
                    String[] fields = lines.get(n).split("\t");
                    Integer label = fields.length >= 2 ? index.get(fields[1]) : null;
                    if (label == null) {
                        throw new DatasetException(String.format("%s line %d: expected 'file<TAB>wnid…' with a wnid from wnids.txt, got '%s'",
                                annotations, n + 1, lines.get(n)));
                    }
                    entries.add(new ImageFolderReader.Entry(images.resolve(fields[0]), label));
                }
            }
            case UNLABELED -> throw new DatasetException("Tiny ImageNet has no unlabeled split here; use train or test (its val/ folder)");
        }
        return new ImageFolderReader.Listing(entries, classNames, "tiny-imagenet " + split.id());
    }

    /** Readable names from {@code words.txt} ("wnid<TAB>name, other name") where present. */
    private static List<String> classNames(Path folder, List<String> wnids) {
        Path words = folder.resolve("words.txt");
        if (!Files.isRegularFile(words)) {
            return wnids;
        }
        Map<String, String> names = new HashMap<>();
        for (String line : readLines(words)) {
            String[] fields = line.split("\t", 2);
            if (fields.length == 2) {
                names.put(fields[0], fields[1].split(",")[0].trim());
            }
        }
        return wnids.stream().map(w -> names.getOrDefault(w, w)).toList();
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
