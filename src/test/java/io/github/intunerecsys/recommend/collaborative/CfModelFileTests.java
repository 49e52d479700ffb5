package io.github.intunerecsys.recommend.collaborative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.intunerecsys.catalog.DataFormatException;
import io.github.intunerecsys.catalog.RatingMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CfModelFileTests {

    @TempDir
    Path dir;

    /** Users 10, 20, 30 (dense 0, 1, 2); movies 100, 200, 300 are items 0, 1, 2. */
    private static RatingMatrix threeByThree() {
        RatingMatrix.Builder b = new RatingMatrix.Builder(6);
        b.add(10, 0, 4f, 0);
        b.add(10, 1, 3f, 0);
        b.add(20, 1, 5f, 0);
        b.add(20, 2, 2f, 0);
        b.add(30, 0, 1f, 0);
        b.add(30, 2, 3.5f, 0);
        return b.build(3);
    }

    private static final IntUnaryOperator MOVIE_INDEX = id -> id % 100 == 0 && id <= 300 ? id / 100 - 1 : -1;

    private void writeHandMadeModel(String usersCsv, String itemsCsv) throws IOException {
        Files.writeString(dir.resolve("model.json"), """
                {"format": "intune-cf-model", "version": 1, "algorithm": "spark-als",
                 "params": {"rank": 2, "regParam": 0.1}, "factors": 2, "global_mean": 3.0,
                 "min_rating": 0.5, "max_rating": 5.0}""");
        Files.writeString(dir.resolve("users.csv"), usersCsv);
        Files.writeString(dir.resolve("items.csv"), itemsCsv);
    }

    @Test
    void handWrittenFilePredictsMeanPlusBiasesPlusDotProductByExternalIds() throws IOException {
        writeHandMadeModel("""
                userId,bias,f0,f1
                20,0.5,1.0,2.0
                10,-0.25,0.5,0
                99,1,1,1
                """, """
                movieId,bias,f0,f1
                200,0.1,0.5,0.25
                100,-1,2,2
                """);

        CfModelFile.Imported imported = CfModelFile.read(dir, threeByThree(), MOVIE_INDEX);
        CfModel m = imported.model();

        assertThat(m.algorithm()).isEqualTo("spark-als");
        assertThat(m.params()).containsEntry("rank", 2);
        assertThat(imported.usersInFile()).isEqualTo(3);
        assertThat(imported.usersMatched()).isEqualTo(2); // user 99 is not in the dataset
        assertThat(imported.itemsMatched()).isEqualTo(2);
        // user 20 (index 1) × movie 200 (item 1): 3 + 0.5 + 0.1 + (1·0.5 + 2·0.25) = 4.6
        assertThat(m.predict(1, 1)).isCloseTo(4.6f, within(1e-6f));
        // user 10 (index 0) × movie 100 (item 0): 3 − 0.25 − 1 + (0.5·2 + 0·2) = 2.75
        assertThat(m.predict(0, 0)).isCloseTo(2.75f, within(1e-6f));
        // user 20 × movie 100: 3 + 0.5 − 1 + (2 + 4) = 8.5, clipped to 5
        assertThat(m.predict(1, 0)).isEqualTo(5f);
        // user 30 is absent from the file: cold, μ + b_i only
        assertThat(m.predict(2, 1)).isCloseTo(3.1f, within(1e-6f));
        // movie 300 is absent: μ + b_u only
        assertThat(m.predict(1, 2)).isCloseTo(3.5f, within(1e-6f));
        // seen items come from the dataset, so serving still excludes what the user rated
        assertThat(m.seenItems(1)).containsExactly(1, 2);
    }

    @Test
    void writtenModelReadsBackWithTheSamePredictions() throws IOException {
        RatingMatrix ratings = threeByThree();
        CfModel trained = CfAlgorithms.create("svd", Map.of("n_factors", "3", "n_epochs", "5"))
                .fit(RatingTriples.of(ratings));

        CfModelFile.write(trained, dir, ratings::userId, item -> (item + 1) * 100);
        CfModel read = CfModelFile.read(dir, ratings, MOVIE_INDEX).model();

        assertThat(read.factors()).isEqualTo(3);
        assertThat(read.params()).containsEntry("n_epochs", 5);
        for (int u = 0; u < 3; u++) {
            for (int i = 0; i < 3; i++) {
                assertThat(read.predict(u, i)).isEqualTo(trained.predict(u, i));
            }
        }
    }

    @Test
    void malformedNumberNamesFileLineAndColumn() throws IOException {
        writeHandMadeModel("""
                userId,bias,f0,f1
                10,0,1,1
                20,0,x,1
                """, "movieId,bias,f0,f1\n");

        assertThatThrownBy(() -> CfModelFile.read(dir, threeByThree(), MOVIE_INDEX))
                .isInstanceOf(DataFormatException.class)
                .hasMessageEndingWith("users.csv:3:6: 'x' is not a finite number");
    }

    @Test
    void wrongColumnCountAndMissingFilesAreOneLineErrors() throws IOException {
        writeHandMadeModel("userId,bias,f0,f1\n10,0,1\n", "movieId,bias,f0,f1\n");
        assertThatThrownBy(() -> CfModelFile.read(dir, threeByThree(), MOVIE_INDEX))
                .hasMessageEndingWith("users.csv:2:1: expected 4 columns, got 3");

        Files.delete(dir.resolve("items.csv"));
        Files.writeString(dir.resolve("users.csv"), "userId,bias,f0,f1\n");
        assertThatThrownBy(() -> CfModelFile.read(dir, threeByThree(), MOVIE_INDEX))
                .hasMessageEndingWith("items.csv: no such file");
        assertThatThrownBy(() -> CfModelFile.read(dir.resolve("nowhere"), threeByThree(), MOVIE_INDEX))
                .hasMessageContaining("model.json: no such file");
    }
}
