package io.github.intunerecsys.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTests {

    /** Each record as "line:field|field|...". */
    private static List<String> records(String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (CsvReader csv = new CsvReader(new StringReader(text))) {
            for (String[] row; (row = csv.next()) != null; ) {
                out.add(csv.line() + ":" + String.join("|", row));
            }
        }
        return out;
    }

    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaks() throws IOException {
        assertThat(records("id,overview\n1,\"a, \"\"b\"\"\nc\"\n2,plain\n"))
                .containsExactly("1:id|overview", "2:1|a, \"b\"\nc", "4:2|plain");
    }

    @Test
    void crlfAndLoneCrEndRecordsAndCountLines() throws IOException {
        assertThat(records("a,b\r\n1,2\r\n3,\"x\r\ny\"\r\n4,5")).containsExactly("1:a|b", "2:1|2", "3:3|x\r\ny", "5:4|5");
        assertThat(records("a\r1\r2")).containsExactly("1:a", "2:1", "3:2");
    }

    @Test
    void byteOrderMarkIsDropped() throws IOException {
        assertThat(records("\uFEFFid,title\n1,x\n")).containsExactly("1:id|title", "2:1|x");
    }

    @Test
    void blankLinesAreSkippedButEmptyFieldsKept() throws IOException {
        assertThat(records("a,b,c\n\n\n1,,\n,\n")).containsExactly("1:a|b|c", "4:1||", "5:|");
    }

    @Test
    void strayQuotesAreKeptAsText() throws IOException {
        assertThat(records("a\"b,\"c\"d,e\n")).containsExactly("1:a\"b|cd|e");
    }

    @Test
    void unterminatedQuoteRunsToTheEnd() throws IOException {
        assertThat(records("1,\"open\n2,3\n")).containsExactly("1:1|open\n2,3\n");
    }

    @Test
    void fieldsLongerThanTheBufferAreWhole() throws IOException {
        String longText = "x".repeat(200_000);
        assertThat(records("1,\"" + longText + "\"\n2," + longText + "\n"))
                .containsExactly("1:1|" + longText, "2:2|" + longText);
    }
}
