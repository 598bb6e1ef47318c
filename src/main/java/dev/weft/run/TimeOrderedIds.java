package dev.weft.run;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Ids for run records (runs, node runs, conversations, messages): UUIDs of version 7 (RFC 9562), whose first 48
 * bits are the Unix time in milliseconds and the other 74 free bits random. They are valid UUIDs like the random
 * ones before, but sort by creation time, so new rows land at the end of each index that starts with such an id
 * instead of anywhere in it: the database touches a few pages per commit rather than one per row.
 */
final class TimeOrderedIds {

    /** A deterministic random bit generator, seeded by the system once, that reads no file per call. */
    private static final SecureRandom RANDOM = drbg();

    private TimeOrderedIds() {}

    static String next() {
        return next(System.currentTimeMillis());
    }

    static String next(long epochMillis) {
        byte[] r = new byte[10];
        RANDOM.nextBytes(r);
        long randA = ((r[0] & 0xFFL) << 8 | (r[1] & 0xFFL)) & 0x0FFFL;
        long randB = 0;
        for (int i = 2; i < 10; i++) {
            randB = randB << 8 | (r[i] & 0xFFL);
        }
        long msb = (epochMillis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | randA;
        long lsb = randB & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb).toString();
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
