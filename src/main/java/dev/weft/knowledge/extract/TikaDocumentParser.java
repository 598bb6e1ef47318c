package dev.weft.knowledge.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.tika.detect.EncodingDetector;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.AutoDetectParserConfig;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.apache.tika.sax.ToXMLContentHandler;
import org.apache.tika.sax.WriteOutContentHandler;
import org.springframework.stereotype.Component;

/**
 * Reads the text of an uploaded document with Apache Tika (PDF, Word, PowerPoint, Excel, OpenDocument, RTF, HTML,
 * Markdown, plain text, CSV, JSON, EPUB, e-mail, archives of these...) as Markdown-ish text: headings as {@code #}
 * lines, tables as Markdown tables, the documents inside archives and attachments included.
 *
 * <p>Each parse runs on its own thread and is stopped after {@link ExtractionLimits#timeout()}. Tika's
 * {@code SecureContentHandler} (output/input ratio), a limit on the characters taken, and an {@link ArchiveGuard}
 * (nesting depth, unpacked bytes) stop decompression bombs. Every failure is an {@link ExtractionException} whose
 * message tells the person what is wrong with that file; a document without text fails with
 * {@link NoExtractableTextException}. File size and count limits are checked before, by {@link UploadValidator}.
 */
@Component
public class TikaDocumentParser implements AutoCloseable {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ExtractionLimits limits;
    private final AutoDetectParser tika = new AutoDetectParser();
    private final ExecutorService workers = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "document-parser-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    public TikaDocumentParser(ExtractionLimits limits) {
        this.limits = limits;
        // the ArchiveGuard limits nesting (and says so); Tika's own package-entry limit would only break the output
        tika.setAutoDetectParserConfig(new AutoDetectParserConfig(null, null, null, null, limits.maxNestingDepth() * 4));
    }

    /** A parser with the default limits, for use outside Spring. */
    public static TikaDocumentParser withDefaults() {
        return new TikaDocumentParser(ExtractionLimits.DEFAULT);
    }

    /** Reads {@code file}; {@code filename} (the name it was uploaded under) helps detect its type and names it in errors. */
    public ExtractedText parse(Path file, String filename) throws ExtractionException {
        return parse(file, filename, null);
    }

    /** As {@link #parse(Path, String)}, with the content type the source declared (an HTTP header), as a hint. */
    public ExtractedText parse(Path file, String filename, String contentTypeHint) throws ExtractionException {
        String name = UploadValidator.displayName(filename == null ? String.valueOf(file.getFileName()) : filename);
        return run(name, () -> new TikaParse(tika, limits, file, name, contentTypeHint).call());
    }

    /** Reads a document from a stream (copied to a temporary file first, which PDFs and archives need). */
    public ExtractedText parse(InputStream in, String filename) throws ExtractionException {
        return parse(in, filename, null);
    }

    /** As {@link #parse(InputStream, String)}, with the content type the source declared, as a hint. */
    public ExtractedText parse(InputStream in, String filename, String contentTypeHint) throws ExtractionException {
        String name = UploadValidator.displayName(filename);
        Path copy = null;
        try {
            copy = Files.createTempFile("weft-document-", ".bin");
            Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return parse(copy, name, contentTypeHint);
        } catch (IOException e) {
            throw new ExtractionException(name + " could not be read: " + e.getMessage(), e);
        } finally {
            if (copy != null) {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException ignored) {
                    // a temporary file left behind is removed with the temporary directory
                }
            }
        }
    }

    private ExtractedText run(String name, java.util.concurrent.Callable<ExtractedText> parse) throws ExtractionException {
        Future<ExtractedText> future = workers.submit(parse);
        try {
            return future.get(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ExtractionException(FailureReasons.timedOut(name, limits.timeout()), e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ExtractionException(name + " was not read: reading was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ExtractionException failure) {
                throw failure;
            }
            throw new ExtractionException(FailureReasons.of(name, TikaParse.format(name), e.getCause()), e.getCause());
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }

    /** One parse of one file, on a worker thread. */
    private record TikaParse(AutoDetectParser tika, ExtractionLimits limits, Path file, String name, String hint) {

        ExtractedText call() throws ExtractionException {
            long size;
            byte[] head = new byte[WideTextSniffer.SAMPLE];
            int headLength;
            try (InputStream in = Files.newInputStream(file)) {
                size = Files.size(file);
                headLength = in.readNBytes(head, 0, head.length);
            } catch (IOException e) {
                throw new ExtractionException(name + " could not be read: " + e.getMessage(), e);
            }
            if (size == 0) {
                throw new ExtractionException(FailureReasons.empty(name));
            }
            Metadata metadata = new Metadata();
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
            if (hint != null && !hint.isBlank()) {
                metadata.set(Metadata.CONTENT_TYPE, hint);
            }
            ParseContext context = new ParseContext();
            ArchiveGuard guard = new ArchiveGuard(context, limits.maxNestingDepth(), limits.expandedBytesFor(size));
            context.set(Parser.class, tika);
            context.set(EmbeddedDocumentExtractor.class, guard);
            context.set(PDFParserConfig.class, pdfConfig());
            context.set(EncodingDetector.class, new TextEncodingDetector());
            TesseractOCRConfig noOcr = new TesseractOCRConfig();
            noOcr.setSkipOcr(true);
            context.set(TesseractOCRConfig.class, noOcr);

            ToXMLContentHandler xhtml = new ToXMLContentHandler();
            Charset wide = WideTextSniffer.sniff(head, headLength);
            try (TikaInputStream in = wide == null ? TikaInputStream.get(file)
                    : TikaInputStream.get(WideTextSniffer.toUtf8(Files.readAllBytes(file), wide))) {
                tika.parse(in, new WriteOutContentHandler(xhtml, limits.maxChars()), metadata, context);
            } catch (Exception | OutOfMemoryError | StackOverflowError e) {
                if (guard.verdict() != null) {
                    throw new ExtractionException(FailureReasons.bomb(name, guard.verdict()), e);
                }
                if (FailureReasons.isWriteLimit(e)) {
                    throw new ExtractionException(FailureReasons.tooMuchText(name, limits.maxChars()), e);
                }
                throw new ExtractionException(FailureReasons.of(name, format(name), e), e);
            }
            if (guard.verdict() != null) {
                throw new ExtractionException(FailureReasons.bomb(name, guard.verdict()));
            }
            String text = DocumentMetadata.text(HtmlToMarkdown.convert(xhtml.toString()), metadata);
            if (text.isBlank()) {
                throw new NoExtractableTextException(DocumentMetadata.noTextReason(name, metadata));
            }
            return DocumentMetadata.extracted(text, metadata);
        }

        private static PDFParserConfig pdfConfig() {
            PDFParserConfig pdf = new PDFParserConfig();
            pdf.setThrowOnEncryptedPayload(true);
            pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
            pdf.setExtractInlineImages(false);
            return pdf;
        }

        /** "PDF", "DOCX"...: the file name's extension, as people name formats; null without one. */
        static String format(String name) {
            int dot = name.lastIndexOf('.');
            String ext = dot < 0 ? "" : name.substring(dot + 1);
            return ext.isEmpty() || ext.length() > 6 || !ext.chars().allMatch(Character::isLetterOrDigit)
                    ? null : ext.toUpperCase(Locale.ROOT);
        }
    }
}
