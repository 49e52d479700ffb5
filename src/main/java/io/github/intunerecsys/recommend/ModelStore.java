package io.github.intunerecsys.recommend;

import io.github.intunerecsys.catalog.Catalog;
import io.github.intunerecsys.catalog.Dataset;
import io.github.intunerecsys.catalog.RatingMatrix;
import io.github.intunerecsys.config.ModelProperties;
import io.github.intunerecsys.config.ModelStoreProperties;
import io.github.intunerecsys.catalog.Movie;
import io.github.intunerecsys.recommend.collaborative.CfSnapshotFile;
import io.github.intunerecsys.recommend.collaborative.EaseModel;
import io.github.intunerecsys.recommend.collaborative.EaseSnapshotFile;
import io.github.intunerecsys.recommend.content.ContentModel;
import io.github.intunerecsys.recommend.content.ContentModelFile;
import io.github.intunerecsys.recommend.content.ContentOptions;
import io.github.intunerecsys.recommend.content.TitleIndex;
import io.github.intunerecsys.recommend.content.TitleIndexFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Trained CF models on disk ({@link CfSnapshotFile}) under {@code intune.models.dir}, named {@code
 * cf-<fingerprint>-<version>.bin}, and the content model's neighbour tables ({@link ContentModelFile}, {@code
 * content-<fingerprint>.bin}, fingerprinted by the catalog's metadata and the content options) and the title index
 * ({@link TitleIndexFile}, {@code titles-<fingerprint>.bin}, fingerprinted by the titles, years and vote counts).
 * The CF fingerprint identifies the dataset the service loads (source path, movie ids, every rating) and the CF
 * configuration, so a file is only ever loaded for the data and settings it was trained for. The newest readable
 * file wins; a damaged or mismatched one is skipped with a warning (and the model rebuilt).
 */
@Component
public class ModelStore {

    private static final Logger log = LoggerFactory.getLogger(ModelStore.class);
    private static final Pattern NAME = Pattern.compile("cf-([0-9a-f]{16})-(\\d{1,19})\\.bin");

    private final Path dir;
    private final int keep;
    private volatile long servingFingerprint;

    public ModelStore(ModelStoreProperties properties) {
        this.dir = properties.dir();
        this.keep = Math.max(1, properties.keepFiles());
    }

    public Path directory() {
        return dir;
    }

    /** The fingerprint of the dataset loaded at start-up: retrained models are filed under it. */
    public long servingFingerprint() {
        return servingFingerprint;
    }

    void serving(long fingerprint) {
        this.servingFingerprint = fingerprint;
    }

    /** FNV-1a over the dataset and the CF configuration. */
    public static long fingerprint(Dataset dataset, ModelProperties.Cf cf) {
        long h = 0xcbf29ce484222325L;
        h = mix(h, dataset.source().toAbsolutePath().normalize().toString());
        Catalog catalog = dataset.catalog();
        h = mix(h, catalog.size());
        for (int i = 0; i < catalog.size(); i++) {
            h = mix(h, catalog.get(i).movieId());
        }
        RatingMatrix r = dataset.ratings();
        h = mix(h, r.users());
        h = mix(h, r.size());
        for (int u = 0; u < r.users(); u++) {
            h = mix(h, r.userId(u));
            h = mix(h, r.userEnd(u));
        }
        int[] items = r.rawItems();
        byte[] codes = r.rawCodes();
        for (int k = 0; k < r.size(); k++) {
            h = mix(h, items[k] << 4 | codes[k]);
        }
        return mix(h, cf.algorithm() + new java.util.TreeMap<>(cf.params()) + cf.threads() + "|" + cf.importFile());
    }

    private static long mix(long h, int v) {
        for (int s = 0; s < 32; s += 8) {
            h = (h ^ ((v >>> s) & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    private static long mix(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    /** FNV-1a over the dataset's source, every movie's metadata and the content options. */
    public static long contentFingerprint(Dataset dataset, ContentOptions options) {
        long h = 0xcbf29ce484222325L;
        h = mix(h, dataset.source().toAbsolutePath().normalize().toString());
        for (Movie m : dataset.catalog().movies()) {
            h = mix(h, m.toString());
        }
        return mix(h, options.toString());
    }

    /**
     * FNV-1a over what the title index is built from: the dataset's source, every movie's id, title, year and
     * vote count (autocomplete and ambiguity order by votes), and the index file's format version.
     */
    public static long titleFingerprint(Dataset dataset) {
        long h = 0xcbf29ce484222325L;
        h = mix(h, dataset.source().toAbsolutePath().normalize().toString());
        h = mix(h, TitleIndexFile.FORMAT_VERSION);
        Catalog catalog = dataset.catalog();
        h = mix(h, catalog.size());
        for (int i = 0; i < catalog.size(); i++) {
            Movie m = catalog.get(i);
            h = mix(h, m.movieId());
            h = mix(h, m.year());
            h = mix(h, m.voteCount());
            h = mix(h, m.title() == null ? "\u0000" : m.title());
        }
        return h;
    }

    /** The CF fingerprint's dataset part with the EASE settings. */
    public static long easeFingerprint(long datasetFingerprint, ModelProperties.Hybrid h) {
        return mix(datasetFingerprint, "ease|" + h.easeLambda() + "|" + h.easeMinItemRatings() + "|"
                + h.easeMaxItems());
    }

    private static long mix(long h, long v) {
        return mix(mix(h, (int) v), (int) (v >>> 32));
    }

    /** The EASE model file of a fingerprint, if there is a readable one (a damaged one is skipped). */
    public Optional<EaseModel> ease(long fingerprint, RatingMatrix ratings) {
        return readIfPresent("EASE model", dir.resolve(String.format(Locale.ROOT, "ease-%016x.bin", fingerprint)),
                file -> EaseSnapshotFile.read(file, fingerprint, ratings));
    }

    /** A model file that must be on disk, and an IOException naming what is wrong with it. */
    @FunctionalInterface
    private interface Reader<T> {
        T read(Path file) throws IOException;
    }

    /** The model in {@code file}, or empty when there is none; a damaged or mismatched one is skipped. */
    private static <T> Optional<T> readIfPresent(String kind, Path file, Reader<T> reader) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(reader.read(file));
        } catch (IOException e) {
            log.warn("skipping {} file: {}", kind, e.getMessage());
            return Optional.empty();
        }
    }

    public Path writeEase(EaseModel ease, long fingerprint) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(String.format(Locale.ROOT, "ease-%016x.bin", fingerprint));
        EaseSnapshotFile.write(file, ease, fingerprint);
        return file;
    }

    /** The content model file of a fingerprint, if there is a readable one (a damaged one is skipped). */
    public Optional<ContentModel> content(long fingerprint, Catalog catalog, ContentOptions options) {
        Path file = contentFile(fingerprint);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            if (ContentModelFile.fingerprint(file) != fingerprint) {
                log.warn("skipping content model file {}: fingerprint inside does not match its name", file);
                return Optional.empty();
            }
            return Optional.of(ContentModelFile.read(file, catalog, options));
        } catch (IOException e) {
            log.warn("skipping damaged content model file: {}", e.getMessage());
            return Optional.empty();
        }
    }

    public Path writeContent(ContentModel content, long fingerprint) throws IOException {
        Files.createDirectories(dir);
        Path file = contentFile(fingerprint);
        ContentModelFile.write(file, content, fingerprint);
        return file;
    }

    /**
     * The title index file of a fingerprint, if there is a readable one for this catalog (a damaged or mismatched
     * one is skipped: the caller rebuilds the index and writes it again).
     */
    public Optional<TitleIndex> titles(long fingerprint, Catalog catalog) {
        return readIfPresent("title index", dir.resolve(String.format(Locale.ROOT, "titles-%016x.bin", fingerprint)),
                file -> TitleIndexFile.read(file, catalog, fingerprint));
    }

    public Path writeTitles(TitleIndex titles, long fingerprint) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(String.format(Locale.ROOT, "titles-%016x.bin", fingerprint));
        TitleIndexFile.write(file, titles, fingerprint);
        return file;
    }

    private Path contentFile(long fingerprint) {
        return dir.resolve(String.format(Locale.ROOT, "content-%016x.bin", fingerprint));
    }

    /** The newest valid model file for a fingerprint; damaged files are skipped with a warning. */
    public Optional<CfSnapshotFile.Stored> newest(long fingerprint) {
        for (Path file : files(fingerprint)) {
            try {
                CfSnapshotFile.Stored s = CfSnapshotFile.read(file);
                if (s.fingerprint() == fingerprint) {
                    return Optional.of(s);
                }
                log.warn("skipping model file {}: fingerprint inside does not match its name", file);
            } catch (IOException e) {
                log.warn("skipping damaged model file: {}", e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Writes the snapshot's CF model and prunes older files of the same fingerprint. */
    public Path write(ModelSnapshot s, long fingerprint, double holdoutRmse) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(String.format(Locale.ROOT, "cf-%016x-%d.bin", fingerprint, s.version()));
        CfSnapshotFile.write(file, s.cf(), s.dataset().ratings(), s.version(), fingerprint, holdoutRmse);
        List<Path> all = files(fingerprint);
        for (int j = keep; j < all.size(); j++) {
            Files.deleteIfExists(all.get(j));
        }
        return file;
    }

    /** Files of a fingerprint, newest version first. */
    List<Path> files(long fingerprint) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        String fp = String.format(Locale.ROOT, "%016x", fingerprint);
        List<Path> out = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.forEach(p -> {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches() && m.group(1).equals(fp)) {
                    out.add(p);
                }
            });
        } catch (IOException e) {
            log.warn("cannot list model files in {}: {}", dir, e.toString());
            return List.of();
        }
        out.sort(Comparator.comparingLong(ModelStore::version).reversed());
        return out;
    }

    private static long version(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(2)) : -1;
    }
}
