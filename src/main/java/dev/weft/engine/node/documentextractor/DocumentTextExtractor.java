package dev.weft.engine.node.documentextractor;

import java.io.IOException;
import java.io.InputStream;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.ToXMLContentHandler;
import org.springframework.stereotype.Component;
import org.xml.sax.SAXException;

/**
 * Extracts the text of a document with Apache Tika (new parser objects for every parse, so it is thread-safe; no
 * write limit, the file size is capped by the resolver),
 * through Tika's XHTML so that headings stay headings and tables (DOCX, XLSX, HTML) become Markdown tables.
 */
@Component
public class DocumentTextExtractor {

    /** A document could not be read; the message names the file and the reason. */
    public static class ExtractionException extends Exception {
        public ExtractionException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public String extract(InputStream in, String filename) throws ExtractionException {
        String name = filename == null || filename.isBlank() ? "the file" : filename;
        ToXMLContentHandler xhtml = new ToXMLContentHandler();
        Metadata metadata = new Metadata();
        if (filename != null) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, filename);
        }
        try {
            new AutoDetectParser().parse(in, xhtml, metadata, new ParseContext());
        } catch (EncryptedDocumentException e) {
            throw new ExtractionException(name + " is encrypted (password protected)", e);
        } catch (ZeroByteFileException e) {
            throw new ExtractionException(name + " is empty", e);
        } catch (TikaException e) {
            if (causedByEncryption(e)) {
                throw new ExtractionException(name + " is encrypted (password protected)", e);
            }
            throw new ExtractionException(name + " could not be parsed: " + rootMessage(e), e);
        } catch (IOException | SAXException | RuntimeException e) {
            throw new ExtractionException(name + " could not be parsed: " + rootMessage(e), e);
        }
        return XhtmlToMarkdown.convert(xhtml.toString());
    }

    private static boolean causedByEncryption(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EncryptedDocumentException
                    || t.getClass().getSimpleName().contains("Encrypted")
                    || t.getClass().getSimpleName().contains("InvalidPassword")) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return e == root || e.getMessage() == null ? message : e.getMessage() + (message.equals(e.getMessage()) ? "" : " (" + message + ")");
    }
}
