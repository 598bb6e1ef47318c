package dev.weft.knowledge.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** The real Tika parser on documents built by the test: structure kept, and each kind of failure with its reason. */
class TikaDocumentParserTest {

    private static final TikaDocumentParser PARSER = TikaDocumentParser.withDefaults();

    @TempDir
    Path dir;

    @AfterAll
    static void close() {
        PARSER.close();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private ExtractedText parse(String name, byte[] bytes) throws Exception {
        return PARSER.parse(write(name, bytes), name);
    }

    private static byte[] docx(String author) throws IOException {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.getProperties().getCoreProperties().setTitle("Quarterly report");
            doc.getProperties().getCoreProperties().setCreator(author);
            doc.createParagraph().createRun().setText("Quarterly figures");
            XWPFTable table = doc.createTable(3, 2);
            String[][] cells = {{"Region", "Sales"}, {"North", "120"}, {"South", "9|5"}};
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
    void word_table_becomes_a_markdown_table_with_title_and_author_from_the_metadata() throws Exception {
        ExtractedText text = parse("report.docx", docx("Ann Example"));
        assertThat(text.text()).startsWith("Quarterly figures")
                .contains("| Region | Sales |\n| --- | --- |\n| North | 120 |\n| South | 9\\|5 |");
        assertThat(text.title()).isEqualTo("Quarterly report");
        assertThat(text.contentType()).isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(text.metadata()).containsEntry("author", "Ann Example")
                .containsEntry("content_type", text.contentType());
    }

    @Test
    void html_keeps_headings_and_lists_drops_scripts_and_takes_the_title_from_the_first_heading() throws Exception {
        ExtractedText text = parse("page.html", """
                <html><body><script>var leak = 1;</script><h2>Prices</h2><p>As of <b>today</b>.</p>
                <ul><li>Tea</li><li>Coffee</li></ul>
                <table><tr><th>Item</th><th>Price</th></tr><tr><td>Tea</td><td>3</td></tr></table>
                </body></html>""".getBytes(StandardCharsets.UTF_8));
        assertThat(text.text()).isEqualTo("""
                ## Prices

                As of today.

                - Tea
                - Coffee

                | Item | Price |
                | --- | --- |
                | Tea | 3 |""");
        assertThat(text.title()).isEqualTo("Prices");
    }

    @Test
    void text_in_legacy_charsets_and_utf16_without_a_byte_order_mark_is_decoded() throws Exception {
        String german = "Grüße aus Köln: Äpfel, Öl und Übermaß. ".repeat(20);
        assertThat(parse("latin1.txt", german.getBytes(StandardCharsets.ISO_8859_1)).text()).isEqualTo(german.strip());
        assertThat(parse("wide.txt", german.getBytes(StandardCharsets.UTF_16LE)).text()).isEqualTo(german.strip());
        assertThat(parse("wide-be.txt", german.getBytes(StandardCharsets.UTF_16BE)).text()).isEqualTo(german.strip());
    }

    @Test
    void xml_in_utf16_that_declares_its_encoding_is_read() throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<countries><country>Österreich</country><country>España</country></countries>";
        ExtractedText text = parse("countries.xml", xml.getBytes(StandardCharsets.UTF_16));
        assertThat(text.text()).contains("Österreich").contains("España");
    }

    @Test
    void an_email_saved_in_utf16_gives_its_headers_and_body() throws Exception {
        String mail = """
                From: Ann <ann@example.com>
                To: Bob <bob@example.com>
                Subject: Lunch on Friday
                Date: Tue, 01 Oct 2024 12:34:56 +0000
                MIME-Version: 1.0
                Content-Type: text/plain; charset=UTF-8

                Shall we meet at noon?
                """.replace("\n", "\r\n");
        for (Charset charset : new Charset[] {StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16}) {
            ExtractedText text = parse("lunch.eml", mail.getBytes(charset));
            assertThat(text.title()).isEqualTo("Lunch on Friday");
            assertThat(text.text()).startsWith("# Lunch on Friday\n\nFrom: Ann <ann@example.com>\nTo: Bob <bob@example.com>")
                    .endsWith("Shall we meet at noon?");
        }
    }

    @Test
    void encrypted_corrupt_empty_and_textless_documents_fail_with_what_to_do() throws Exception {
        assertThatThrownBy(() -> parse("secret.docx", encrypted(docx("Ann"))))
                .isInstanceOf(ExtractionException.class)
                .hasMessage("secret.docx is encrypted (password protected): remove the password and upload it again");
        byte[] truncated = java.util.Arrays.copyOf(docx("Ann"), 700);
        assertThatThrownBy(() -> parse("broken.docx", truncated))
                .hasMessageStartingWith("broken.docx is corrupt or not a DOCX file: ");
        assertThatThrownBy(() -> parse("empty.pdf", new byte[0]))
                .hasMessage("empty.pdf is empty (0 bytes): choose the file again, or a file with content");
        assertThatThrownBy(() -> parse("blank.txt", " \n\t \n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(NoExtractableTextException.class)
                .hasMessageStartingWith("blank.txt has no extractable text (scanned image?");
    }

    private static byte[] encrypted(byte[] ooxml) throws Exception {
        EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
        Encryptor encryptor = info.getEncryptor();
        encryptor.confirmPassword("secret");
        try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            try (OutputStream data = encryptor.getDataStream(fs)) {
                data.write(ooxml);
            }
            fs.writeFilesystem(out);
            return out.toByteArray();
        }
    }

    @Test
    void documents_inside_archives_are_read_with_their_names_as_headings() throws Exception {
        ExtractedText text = parse("bundle.zip", zip("notes.txt", "Meeting notes: ship on Monday.".getBytes(StandardCharsets.UTF_8)));
        assertThat(text.text()).isEqualTo("# notes.txt\n\nMeeting notes: ship on Monday.");
    }

    @Test
    void archives_nested_too_deep_are_refused_as_a_decompression_bomb() throws Exception {
        byte[] nested = "deep inside".getBytes(StandardCharsets.UTF_8);
        String entry = "inner.txt";
        for (int level = 0; level < 12; level++) {
            nested = zip(entry, nested);
            entry = "level" + level + ".zip";
        }
        byte[] bomb = nested;
        assertThatThrownBy(() -> parse("nested.zip", bomb))
                .isInstanceOf(ExtractionException.class)
                .hasMessage("nested.zip looks like a decompression bomb (it nests archives or attachments more than 10 levels deep)"
                        + " and was not read: upload the documents inside it one by one");
        byte[] shallow = zip("b.zip", zip("a.txt", nested("fine")));
        assertThat(parse("shallow.zip", shallow).text()).contains("fine");
    }

    private static byte[] nested(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void highly_compressed_text_is_refused_as_a_decompression_bomb() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            byte[] line = "all work and no play makes jack a dull boy\n".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 250_000; i++) {
                out.write(line);
            }
        }
        assertThat(gz.size()).isLessThan(100_000);
        assertThatThrownBy(() -> parse("jack.txt.gz", gz.toByteArray()))
                .hasMessageStartingWith("jack.txt.gz looks like a decompression bomb (");
    }

    @Test
    void unpacking_more_than_the_expanded_size_limit_is_refused() throws Exception {
        byte[] letters = new byte[3_000_000];
        Random random = new Random(7);
        for (int i = 0; i < letters.length; i++) {
            letters[i] = (byte) (i % 8 == 7 ? ' ' : 'a' + random.nextInt(26));
        }
        try (TikaDocumentParser small = new TikaDocumentParser(new ExtractionLimits(null, null, null, DataSize.ofMegabytes(1)))) {
            assertThatThrownBy(() -> small.parse(write("words.zip", zip("words.txt", letters)), "words.zip"))
                    .hasMessage("words.zip looks like a decompression bomb (its archives unpack to more than 1 MB) and was not read:"
                            + " upload the documents inside it one by one");
        }
    }

    @Test
    void the_time_limit_and_the_text_limit_stop_a_document() throws Exception {
        Path report = write("report.docx", docx("Ann"));
        try (TikaDocumentParser hasty = new TikaDocumentParser(new ExtractionLimits(Duration.ofMillis(1), null, null, null))) {
            assertThatThrownBy(() -> hasty.parse(report, "report.docx"))
                    .hasMessageStartingWith("report.docx took longer than 1 ms to read and was stopped (weft.knowledge.extract.timeout)");
        }
        try (TikaDocumentParser brief = new TikaDocumentParser(new ExtractionLimits(null, 100, null, null))) {
            Path long_ = write("long.txt", "word ".repeat(100).getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> brief.parse(long_, "long.txt"))
                    .hasMessageStartingWith("long.txt holds more than 100 characters of text");
        }
    }

    @Test
    void a_stream_is_parsed_like_a_file_and_the_type_hint_helps_a_nameless_one() throws Exception {
        ExtractedText text = PARSER.parse(new ByteArrayInputStream("<p>Hello <i>there</i></p>".getBytes(StandardCharsets.UTF_8)),
                "download", "text/html");
        assertThat(text.text()).isEqualTo("Hello there");
        assertThat(text.contentType()).isEqualTo("text/html");
    }

    private static byte[] zip(String name, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }
}
