package actorgraph.neo4jlocal;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs a real Neo4j Community server in-process with only the Bolt
 * connector open on 127.0.0.1, so that the Go store and its conformance
 * suite can be tested against the real database on a machine without
 * Docker. It is a test and development tool, not a production server: auth
 * is off and it listens on loopback only.
 *
 * <p>Usage: {@code Launcher <data-dir> [port]}; the port may also come from
 * NEO4J_LOCAL_PORT (default 7687) and the page cache size from
 * NEO4J_LOCAL_PAGECACHE_MB (default 256). It prints one "ready" line once
 * Bolt accepts connections and runs until SIGTERM/SIGINT, which shuts the
 * database down cleanly (the JVM runs the shutdown hook, main then returns).
 */
public final class Launcher {
    private Launcher() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: Launcher <data-dir> [bolt-port]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = parseInt(args.length > 1 ? args[1] : System.getenv("NEO4J_LOCAL_PORT"), 7687, "port");
        long pageCacheMb = parseInt(System.getenv("NEO4J_LOCAL_PAGECACHE_MB"), 256, "NEO4J_LOCAL_PAGECACHE_MB");
        // What one transaction may hold (db.memory.transaction.max): the
        // same 256 MiB as actorgraph's embedded engine allows one query,
        // so that a query too big for one is too big for the other.
        long txMemoryMb = parseInt(System.getenv("NEO4J_LOCAL_TX_MEMORY_MB"), 256, "NEO4J_LOCAL_TX_MEMORY_MB");

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
                .setConfig(GraphDatabaseSettings.memory_transaction_max_size, ByteUnit.mebiBytes(txMemoryMb))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("neo4j-local: shutting down");
            try {
                dbms.shutdown();
            } finally {
                System.out.println("neo4j-local: stopped");
                System.out.flush();
                stopped.countDown();
            }
        }, "neo4j-local-shutdown"));

        // The default database is started by build(); touching it makes
        // sure it is available before we announce readiness.
        dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
        System.out.println("neo4j-local: ready bolt://127.0.0.1:" + port + " home=" + home);
        System.out.flush();
        stopped.await();
    }

    private static int parseInt(String s, int def, String what) {
        if (s == null || s.isBlank()) {
            return def;
        }
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            System.err.println("neo4j-local: bad " + what + ": " + s);
            System.exit(2);
            return def;
        }
    }
}
