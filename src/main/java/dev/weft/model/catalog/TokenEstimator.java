package dev.weft.model.catalog;

import dev.weft.model.ChatMessage;
import dev.weft.model.TokenUsage;
import java.util.List;
import java.util.Locale;

/**
 * Counts tokens when an upstream reports no usage. Weft ships no BPE vocabularies, so this is an estimate per
 * model family from characters, calibrated on English prose against the families' own tokenizers:
 *
 * <ul>
 *   <li>{@code openai} (cl100k/o200k), {@code llama} (Llama 3's 128k tiktoken vocabulary), {@code gemini},
 *       {@code deepseek}, {@code qwen}: 4.0 characters a token;
 *   <li>{@code anthropic}: 3.5; {@code mistral} and {@code gemma} (SentencePiece, smaller vocabularies): 3.5;
 *   <li>anything else: 4.0.
 * </ul>
 *
 * Text outside ASCII (CJK, emoji) counts one token per character, as those scripts take about one token each in
 * these vocabularies. Each chat message adds 4 tokens for its role and separators and the reply primer 3, as
 * OpenAI documents for its chat format. Expect ±15% on English prose; exact counts come from the upstream's usage.
 */
public final class TokenEstimator {

    private TokenEstimator() {}

    /** The token family of a model name: openai, anthropic, gemini, mistral, deepseek, llama, gemma, qwen or other. */
    public static String family(String model) {
        String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
        int slash = m.lastIndexOf('/');
        String base = slash >= 0 ? m.substring(slash + 1) : m;
        if (base.startsWith("gpt-") || base.matches("o\\d.*") || base.startsWith("chatgpt") || base.startsWith("text-")) {
            return "openai";
        }
        if (base.startsWith("claude")) {
            return "anthropic";
        }
        if (base.startsWith("gemini")) {
            return "gemini";
        }
        if (base.startsWith("gemma")) {
            return "gemma";
        }
        if (base.contains("mistral") || base.contains("mixtral") || base.startsWith("codestral") || base.startsWith("pixtral")
                || base.startsWith("ministral")) {
            return "mistral";
        }
        if (base.startsWith("deepseek")) {
            return "deepseek";
        }
        if (base.contains("llama")) {
            return "llama";
        }
        if (base.startsWith("qwen")) {
            return "qwen";
        }
        return "other";
    }

    static double charsPerToken(String family) {
        return switch (family) {
            case "anthropic", "mistral", "gemma" -> 3.5;
            default -> 4.0;
        };
    }

    /** Tokens of {@code text} alone in {@code family}. */
    public static long count(String family, String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        long ascii = 0;
        long other = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                ascii++;
            } else {
                other++;
            }
        }
        return (long) Math.ceil(ascii / charsPerToken(family)) + other;
    }

    /** Prompt tokens of {@code messages} and completion tokens of {@code reply} for {@code model}. */
    public static TokenUsage estimate(String model, List<ChatMessage> messages, String reply) {
        String family = family(model);
        long prompt = 3;
        for (ChatMessage m : messages) {
            prompt += 4 + count(family, m.content());
        }
        long completion = count(family, reply);
        return new TokenUsage(prompt, completion, prompt + completion);
    }
}
