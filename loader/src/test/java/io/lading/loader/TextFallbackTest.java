package io.lading.loader;

import io.lading.format.Column;
import io.lading.format.FileFormat;
import io.lading.format.TableSchema;
import io.lading.format.TextOptions;
import io.lading.warehouse.CopyInForm;
import io.lading.warehouse.ServerInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Which form copy mode sends, decided by the server kind (a Greenplum server is not at hand: its ServerInfo is). */
class TextFallbackTest {
    static final TableSchema COLUMNS = new TableSchema(List.of(new Column("id", "integer"), new Column("s", "text")));
    /** tell() names the file only when it speaks, which it does not for a text-form server. */
    static final LoadFile FILE = null;

    final List<String> infos = new CopyOnWriteArrayList<>();
    final LoadListener listener = new LoadListener() {
        @Override
        public void info(String message) {
            infos.add(message);
        }
    };

    @Test
    void greenplumGetsTextForEveryFileSaidOnceInThePlan() {
        CopyInForm.Choice choice = CopyInForm.forServer(new ServerInfo(ServerInfo.Kind.GREENPLUM,
                "PostgreSQL 9.4.26 (Greenplum Database 6.24.0 build commit:abc)", 90426));
        TextFallback text = new TextFallback(listener, choice);
        assertEquals(choice.why(), text.whyText(TextOptions.defaults(FileFormat.CSV), COLUMNS));
        assertEquals(choice.why(), text.whyText(TextOptions.defaults(FileFormat.TEXT), COLUMNS));
        text.tell(FILE, choice.why());
        assertEquals(List.of("Greenplum gets the files' own text: its coordinator parses every row to route it to a segment,"
                + " binary or not, and text is the smaller stream (measured on Greenplum 6: 2,000,000 rows in 7.0 s as CSV,"
                + " 9.6 s as binary COPY)"), infos);
    }

    @Test
    void postgresqlGetsBinaryWithoutAWord() {
        TextFallback text = new TextFallback(listener, CopyInForm.forServer(new ServerInfo(ServerInfo.Kind.POSTGRESQL, "PostgreSQL 15.20", 150020)));
        assertNull(text.whyText(TextOptions.defaults(FileFormat.CSV), COLUMNS));
        assertEquals(List.of(), infos);
    }
}
