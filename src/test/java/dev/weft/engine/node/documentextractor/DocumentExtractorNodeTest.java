package dev.weft.engine.node.documentextractor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.weft.config.WeftProperties;
import dev.weft.engine.file.FileProperties;
import dev.weft.engine.file.LocalAndRemoteFileResolver;
import dev.weft.engine.graph.NodeRegistry;
import dev.weft.engine.node.NodeExecutionException;
import dev.weft.engine.node.StubNodeContext;
import dev.weft.engine.variable.FileValue;
import dev.weft.engine.variable.Values;
import dev.weft.knowledge.extract.TikaDocumentParser;
import dev.weft.security.GuardedHttpClient;
import dev.weft.security.OutboundAddressGuard;
import dev.weft.security.OutboundProperties;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentExtractorNodeTest {

    /** Sample documents shared by the team, one level above the repository; tests using them skip when absent. */
    private static final Path SHARED_DOCS = Path.of("..", "shared", "data", "docs");

    private static final TikaDocumentParser PARSER = TikaDocumentParser.withDefaults();

    @TempDir
    Path dataDir;

    private DocumentExtractorNode node;
    private final StubNodeContext ctx = new StubNodeContext("extract");

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(dataDir.resolve("uploads"));
        node = node(List.of(), 1024 * 1024L);
    }

    private DocumentExtractorNode node(List<String> allow, long maxBytes) {
        var http = new GuardedHttpClient(new OutboundAddressGuard(new OutboundProperties(allow)));
        var resolver = new LocalAndRemoteFileResolver(new WeftProperties(dataDir), new FileProperties(maxBytes), http);
        return new DocumentExtractorNode(resolver, PARSER);
    }

    private FileValue upload(String id, String filename, byte[] bytes) throws Exception {
        Files.write(dataDir.resolve("uploads").resolve(id), bytes);
        return new FileValue("document", "local_file", null, id, filename, null, null, (long) bytes.length);
    }

    private Object run(Object value) throws Exception {
        ctx.pool.put("start", "file", value);
        var config = NodeRegistry.bind(node, Values.JSON.readTree("{\"variable_selector\":[\"start\",\"file\"]}"));
        return node.execute(config, ctx).outputs().get("text");
    }

    private static byte[] docxWithTable() throws Exception {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText("Quarterly figures");
            XWPFTable table = doc.createTable(3, 2);
            String[][] cells = {{"Region", "Sales"}, {"North", "120"}, {"South", "95"}};
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 2; c++) {
                    table.getRow(r).getCell(c).setText(cells[r][c]);
                }
            }
            doc.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void docx_table_becomes_a_markdown_table() throws Exception {
        String text = (String) run(upload("u1", "figures.docx", docxWithTable()));
        assertThat(text).contains("Quarterly figures")
                .contains("| Region | Sales |\n| --- | --- |\n| North | 120 |\n| South | 95 |");
    }

    @Test
    void html_keeps_headings_and_tables_and_a_list_gives_a_list() throws Exception {
        var html = upload("u2", "page.html", """
                <html><body><h2>Prices</h2><p>As of today.</p>
                <table><tr><th>Item</th><th>Price</th></tr><tr><td>Tea | green</td><td>3</td></tr></table>
                </body></html>""".getBytes(StandardCharsets.UTF_8));
        var txt = upload("u3", "notes.txt", "plain notes".getBytes(StandardCharsets.UTF_8));
        @SuppressWarnings("unchecked")
        List<String> texts = (List<String>) run(List.of(html, txt));
        assertThat(texts.get(0)).contains("## Prices").contains("As of today.")
                .contains("| Item | Price |\n| --- | --- |\n| Tea \\| green | 3 |");
        assertThat(texts.get(1)).isEqualTo("plain notes");
    }

    @Test
    void corrupt_and_missing_files_fail_with_the_name() throws Exception {
        byte[] junk = "PK\u0003\u0004 this is not really a zip".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> run(upload("u4", "x.docx", junk)))
                .isInstanceOf(NodeExecutionException.class).hasMessageStartingWith("x.docx is corrupt or not a DOCX file: ");
        assertThatThrownBy(() -> run(new FileValue("document", "local_file", null, "nope", "gone.pdf", null, null, null)))
                .hasMessageContaining("gone.pdf").hasMessageContaining("not found");
        assertThatThrownBy(() -> run(new FileValue("document", "local_file", null, "../secret.key", "k", null, null, null)))
                .hasMessageContaining("invalid upload file id");
        assertThatThrownBy(() -> run("just text")).hasMessageContaining("is not a file");
    }

    @Test
    void files_over_the_size_limit_are_refused() throws Exception {
        node = node(List.of(), 10);
        assertThatThrownBy(() -> run(upload("u5", "big.txt", "more than ten bytes".getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("more than the limit of 10 (weft.files.max-bytes)");
    }

    @Test
    void remote_files_go_through_the_address_guard() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/doc.txt", ex -> {
            byte[] body = "remote text".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/plain");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/doc.txt";
            var remote = new FileValue("document", "remote_url", url, null, "doc.txt", null, null, null);
            assertThatThrownBy(() -> run(remote)).hasMessageContaining("loopback").hasMessageContaining("weft.security.outbound.allow");
            node = node(List.of("127.0.0.1"), 1024);
            assertThat(run(remote)).isEqualTo("remote text");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void shared_sample_pdf_and_encrypted_file() throws Exception {
        Path manifest = SHARED_DOCS.resolve("MANIFEST.tsv");
        assumeTrue(Files.isRegularFile(manifest), "shared sample documents not present");
        List<String[]> rows = Files.readAllLines(manifest).stream().skip(1).map(l -> l.split("\t")).toList();
        Optional<String[]> pdf = rows.stream().filter(r -> r.length > 5 && r[1].equals("pdf") && r[4].equals("ok")
                && Integer.parseInt(r[5]) > 20).findFirst();
        Optional<String[]> encrypted = rows.stream().filter(r -> r.length > 4 && r[4].equals("error: encrypted")).findFirst();
        assumeTrue(pdf.isPresent() && encrypted.isPresent(), "manifest lists no suitable files");

        String pdfName = pdf.get()[0];
        String text = (String) run(upload("pdf1", pdfName, Files.readAllBytes(SHARED_DOCS.resolve(pdfName))));
        assertThat(text.strip().length()).isGreaterThan(Integer.parseInt(pdf.get()[5]) / 2);

        String lockedName = encrypted.get()[0];
        FileValue locked = upload("enc1", lockedName, Files.readAllBytes(SHARED_DOCS.resolve(lockedName)));
        assertThatThrownBy(() -> run(locked)).isInstanceOf(NodeExecutionException.class)
                .hasMessage(lockedName + " is encrypted (password protected): remove the password and upload it again");
    }
}
