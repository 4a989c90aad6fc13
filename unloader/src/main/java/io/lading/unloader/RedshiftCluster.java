package io.lading.unloader;

import io.lading.warehouse.ddl.Secrets;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The one step of a Redshift unload that the cluster does itself: run the plan's UNLOAD, which
 * writes {@code <staging prefix><slice>_part_<nn>[.gz]} and {@code <staging prefix>manifest}
 * (MANIFEST VERBOSE) and returns when they are complete. Everything before and after (planning,
 * checking the manifest, moving, Lading's manifest, cleanup) is {@link RedshiftUnload}'s; the
 * tests put a stand-in here that writes Redshift's files from a PostgreSQL table.
 */
public interface RedshiftCluster {
    /** The real cluster: the UNLOAD over JDBC, with the real credentials. */
    RedshiftCluster JDBC = (connection, plan) -> {
        LoggerFactory.getLogger(RedshiftCluster.class).info("running {}", plan.unload(Secrets.MASK));
        try (Statement st = connection.createStatement()) {
            st.execute(plan.unload(Secrets.REVEAL));
        }
    };

    /**
     * Runs {@code plan}'s UNLOAD on {@code connection} (autocommit, watched: a cancel of the run
     * cancels the statement).
     */
    void unload(Connection connection, RedshiftUnloadPlan plan) throws SQLException;
}
