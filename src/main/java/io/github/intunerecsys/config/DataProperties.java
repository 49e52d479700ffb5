package io.github.intunerecsys.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code intune.data.*}: which dataset the service loads at start-up.
 *
 * @param path    dataset folder (default {@code data/demo}, the bundled demo)
 * @param format  {@code auto} (detect from the files present), {@code movielens}, {@code ml-100k} or {@code kaggle}
 * @param strict  refuse to start on the first malformed row instead of skipping and counting it
 */
@ConfigurationProperties("intune.data")
public record DataProperties(
        @DefaultValue("data/demo") String path,
        @DefaultValue("auto") String format,
        @DefaultValue("false") boolean strict) {

    /**
     * The dataset folder as a file-system path. (Kept as a String in the record: Spring's converter would read
     * a relative "../x" as a class-path resource and refuse it.)
     */
    public Path folder() {
        return Path.of(path);
    }
}
