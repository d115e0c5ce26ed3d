package org.radspark.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The CSV reader: RFC 4180 quoting, line ends, blank lines, malformed quoting. */
class CsvRecordsTest {

    @Test
    void quotedFieldsLineEndsAndBlankLines() {
        List<List<String>> r = CsvRecords.parse("\uFEFFa,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\r\n\n\"two\nlines\",,z");
        assertEquals(List.of(List.of("a", "b", "c"), List.of("x, y", "say \"hi\"", ""), List.of("two\nlines", "", "z")), r);
    }

    @Test
    void malformedQuotingNamesTheLine() {
        assertEquals("line 2: a quoted field is never closed",
            assertThrows(CsvRecords.CsvException.class, () -> CsvRecords.parse("a,b\n\"open,x\n")).getMessage());
        assertEquals("line 1: text after a closing quote",
            assertThrows(CsvRecords.CsvException.class, () -> CsvRecords.parse("\"a\"b,c")).getMessage());
        assertEquals("line 3: a quote inside an unquoted field",
            assertThrows(CsvRecords.CsvException.class, () -> CsvRecords.parse("a\nb\nc\"d")).getMessage());
    }
}
