package io.lading.warehouse;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CopyInFormTest {
    @Test
    void greenplumFamilyGetsTheFilesOwnText() {
        CopyInForm.Choice choice = CopyInForm.forServer(Pg94Test.GREENPLUM_6);
        assertEquals(CopyInForm.TEXT, choice.form());
        assertEquals("Greenplum gets the files' own text: its coordinator parses every row to route it to a segment,"
                + " binary or not, and text is the smaller stream (measured on Greenplum 6: 2,000,000 rows in 7.0 s as CSV,"
                + " 9.6 s as binary COPY)", choice.why());
        assertEquals(CopyInForm.TEXT, CopyInForm.forServer(Pg94Test.ANALYTICDB_6).form());
    }

    @Test
    void postgresqlGetsBinary() {
        CopyInForm.Choice choice = CopyInForm.forServer(new ServerInfo(ServerInfo.Kind.POSTGRESQL, "PostgreSQL 15.20", 150020));
        assertEquals(CopyInForm.BINARY, choice.form());
        assertEquals("PostgreSQL gets binary COPY: encoded on this side, it spares the server's parsing (measured 1.6x faster than text)",
                choice.why());
    }
}
