package dev.weft.publish.key;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Key secrets: a prefix ({@code app-} for app keys, {@code dataset-} for dataset keys) and 32 random letters and
 * digits (about 190 bits), so one SHA-256 is enough to store them (no slow password hash is needed for secrets that
 * cannot be guessed).
 */
final class ApiKeyTokens {

    static final String APP_PREFIX = "app-";
    static final String DATASET_PREFIX = "dataset-";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyTokens() {}

    static String newToken(String prefix) {
        StringBuilder b = new StringBuilder(prefix);
        for (int i = 0; i < LENGTH; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The prefix, an ellipsis and the last four characters. */
    static String hint(String prefix, String token) {
        return prefix + "…" + token.substring(token.length() - 4);
    }
}
