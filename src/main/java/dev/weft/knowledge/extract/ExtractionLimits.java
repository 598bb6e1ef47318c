package dev.weft.knowledge.extract;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code weft.knowledge.extract}, the guards around reading one document:
 * {@code timeout} (default 60s) stops a parse that runs too long; {@code max-chars} (default 10,000,000) is the
 * most text taken from one document; {@code max-nesting-depth} (default 10) is how deeply archives and attachments
 * may nest; {@code max-expanded-size} (default 512MB) caps the bytes unpacked from archives inside one document,
 * which is also held to 100 times the document's own size (at least 64MB).
 */
@ConfigurationProperties("weft.knowledge.extract")
public record ExtractionLimits(Duration timeout, Integer maxChars, Integer maxNestingDepth, DataSize maxExpandedSize) {

    public static final ExtractionLimits DEFAULT = new ExtractionLimits(null, null, null, null);

    /** Unpacking more than this many times a document's size is taken for a decompression bomb. */
    public static final int MAX_EXPANSION_RATIO = 100;
    private static final long MIN_EXPANDED_BYTES = DataSize.ofMegabytes(64).toBytes();

    public ExtractionLimits {
        timeout = timeout == null || timeout.isNegative() || timeout.isZero() ? Duration.ofSeconds(60) : timeout;
        maxChars = maxChars == null || maxChars <= 0 ? 10_000_000 : maxChars;
        maxNestingDepth = maxNestingDepth == null || maxNestingDepth <= 0 ? 10 : maxNestingDepth;
        maxExpandedSize = maxExpandedSize == null || maxExpandedSize.toBytes() <= 0 ? DataSize.ofMegabytes(512) : maxExpandedSize;
    }

    /** The bytes that archives inside a document of {@code documentBytes} may unpack to. */
    public long expandedBytesFor(long documentBytes) {
        long byRatio = documentBytes > Long.MAX_VALUE / MAX_EXPANSION_RATIO ? Long.MAX_VALUE : documentBytes * MAX_EXPANSION_RATIO;
        return Math.min(maxExpandedSize.toBytes(), Math.max(MIN_EXPANDED_BYTES, byRatio));
    }
}
