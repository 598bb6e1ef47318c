package dev.weft.knowledge.extract;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.extractor.ParsingEmbeddedDocumentExtractor;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Parses the documents inside a document (archive entries, attachments, embedded objects) while watching for
 * decompression bombs: nesting deeper than a limit (a quine that unpacks to itself) or more unpacked bytes than a
 * limit. Once either is seen, it records why and refuses every further embedded document; the parser then fails
 * the whole document with that reason, whatever the archive parser did with the exception. One per parse.
 */
final class ArchiveGuard implements EmbeddedDocumentExtractor {

    /** Thrown into the archive parser to stop it. */
    static final class ArchiveBombException extends IOException {
        ArchiveBombException(String message) {
            super(message);
        }
    }

    private final ParsingEmbeddedDocumentExtractor delegate;
    private final int maxDepth;
    private final long maxExpandedBytes;
    private int depth;
    private long expandedBytes;
    private String verdict;

    ArchiveGuard(ParseContext context, int maxDepth, long maxExpandedBytes) {
        this.delegate = new ParsingEmbeddedDocumentExtractor(context);
        this.maxDepth = maxDepth;
        this.maxExpandedBytes = maxExpandedBytes;
    }

    /** Why the document looks like a decompression bomb, or null. */
    String verdict() {
        return verdict;
    }

    @Override
    public boolean shouldParseEmbedded(Metadata metadata) {
        return verdict == null && delegate.shouldParseEmbedded(metadata);
    }

    @Override
    public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
            throws SAXException, IOException {
        if (verdict != null) {
            throw new ArchiveBombException(verdict);
        }
        if (depth >= maxDepth) {
            throw trip("it nests archives or attachments more than " + maxDepth + " levels deep");
        }
        depth++;
        try {
            delegate.parseEmbedded(new CountingStream(stream), handler, metadata, outputHtml);
        } finally {
            depth--;
        }
        if (verdict != null) {
            throw new ArchiveBombException(verdict);
        }
    }

    private ArchiveBombException trip(String why) {
        if (verdict == null) {
            verdict = why;
        }
        return new ArchiveBombException(verdict);
    }

    /** Adds what an embedded document yields to the total unpacked so far. */
    private final class CountingStream extends FilterInputStream {

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            if (skipped > 0) {
                count(skipped);
            }
            return skipped;
        }

        private void count(long n) throws ArchiveBombException {
            if (verdict != null) {
                throw new ArchiveBombException(verdict);
            }
            expandedBytes += n;
            if (expandedBytes > maxExpandedBytes) {
                throw trip("its archives unpack to more than " + UploadValidator.size(maxExpandedBytes));
            }
        }
    }
}
