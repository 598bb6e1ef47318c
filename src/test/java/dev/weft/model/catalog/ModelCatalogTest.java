package dev.weft.model.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.model.CallCost;
import dev.weft.model.ChatMessage;
import dev.weft.model.TokenUsage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {

    private final ModelCatalog catalog = new ModelCatalog();

    @Test
    void shipsTheCommonModelsOfEachProvider() {
        for (String model : List.of("gpt-4o", "gpt-4o-mini", "o3-mini", "claude-3-5-sonnet", "claude-3-5-haiku",
                "gemini-2.0-flash", "gemini-1.5-pro", "mistral-large-latest", "deepseek-chat", "llama-3.3-70b-versatile")) {
            assertThat(catalog.find(null, model)).as(model).isPresent();
        }
        ModelInfo gpt4o = catalog.find(null, "gpt-4o").orElseThrow();
        assertThat(gpt4o.contextWindow()).isEqualTo(128_000);
        assertThat(gpt4o.capabilities()).containsExactlyInAnyOrder("tools", "vision", "json");
        assertThat(gpt4o.family()).isEqualTo("openai");
        assertThat(catalog.find(null, "deepseek-reasoner").orElseThrow().supports(ModelInfo.TOOLS)).isFalse();
    }

    @Test
    void matchesVersionedNamesToTheLongestEntryAndIgnoresProviderPrefixes() {
        assertThat(catalog.find(null, "gpt-4o-2024-08-06").orElseThrow().model()).isEqualTo("gpt-4o");
        assertThat(catalog.find(null, "gpt-4o-mini-2024-07-18").orElseThrow().model()).isEqualTo("gpt-4o-mini");
        assertThat(catalog.find(null, "claude-3-5-sonnet-20241022").orElseThrow().model()).isEqualTo("claude-3-5-sonnet");
        assertThat(catalog.find(null, "models/gemini-1.5-flash").orElseThrow().model()).isEqualTo("gemini-1.5-flash");
        assertThat(catalog.find(null, "openai/GPT-4o").orElseThrow().model()).isEqualTo("gpt-4o");
        assertThat(catalog.find(null, "meta-llama/llama-4-scout-17b-16e-instruct")).isPresent();
        assertThat(catalog.find(null, "gpt-4o1")).as("no suffix separator: not gpt-4o").isEmpty();
        assertThat(catalog.find(null, "my-own-model")).isEmpty();
    }

    @Test
    void pricesPerMillionTokensAndUnknownModelsCostZeroAndSaySo() {
        CallCost cost = catalog.price(null, "claude-3-5-sonnet-latest", new TokenUsage(2_000, 1_000, 3_000));
        assertThat(cost.priced()).isTrue();
        assertThat(cost.inputPrice()).isEqualByComparingTo("0.006");
        assertThat(cost.outputPrice()).isEqualByComparingTo("0.015");
        assertThat(cost.totalPrice()).isEqualByComparingTo("0.021");
        assertThat(cost.currency()).isEqualTo("USD");

        CallCost unknown = catalog.price(null, "llama-local-q4", new TokenUsage(2_000, 1_000, 3_000));
        assertThat(unknown.priced()).isFalse();
        assertThat(unknown.totalPrice()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void entriesAreValidated() {
        assertThatThrownBy(() -> new ModelInfo("x", null, -1, BigDecimal.ONE, BigDecimal.ONE, Set.of(), ModelInfo.WORKSPACE))
                .hasMessageContaining("context window of 'x' must be a positive number of tokens");
        assertThatThrownBy(() -> new ModelInfo("x", null, 10, new BigDecimal("-1"), BigDecimal.ONE, Set.of(), ModelInfo.WORKSPACE))
                .hasMessageContaining("input price per million tokens of 'x' must not be negative");
        assertThatThrownBy(() -> new ModelInfo("x", null, 10, BigDecimal.ONE, BigDecimal.ONE, Set.of("audio"), ModelInfo.WORKSPACE))
                .hasMessageContaining("unknown capability 'audio' of 'x'; use tools, vision or json");
    }

    @Test
    void estimatesTokensPerFamilyWhenTheUpstreamReportsNone() {
        assertThat(TokenEstimator.family("gpt-4o-mini")).isEqualTo("openai");
        assertThat(TokenEstimator.family("o3-mini")).isEqualTo("openai");
        assertThat(TokenEstimator.family("claude-3-5-haiku-latest")).isEqualTo("anthropic");
        assertThat(TokenEstimator.family("models/gemini-2.0-flash")).isEqualTo("gemini");
        assertThat(TokenEstimator.family("open-mistral-nemo")).isEqualTo("mistral");
        assertThat(TokenEstimator.family("meta-llama/Llama-3.3-70B-Instruct")).isEqualTo("llama");
        assertThat(TokenEstimator.family("phi-3")).isEqualTo("other");

        String text = "The quick brown fox jumps over the lazy dog."; // 44 characters; 10 tokens in cl100k
        assertThat(TokenEstimator.count("openai", text)).isEqualTo(11);
        assertThat(TokenEstimator.count("anthropic", text)).isEqualTo(13);
        assertThat(TokenEstimator.count("openai", "日本語")).as("one token per non-ASCII character").isEqualTo(3);
        TokenUsage usage = TokenEstimator.estimate("gpt-4o", List.of(ChatMessage.system("Be brief."), ChatMessage.user(text)), "Done.");
        assertThat(usage.promptTokens()).isEqualTo(3 + 4 + 3 + 4 + 11);
        assertThat(usage.completionTokens()).isEqualTo(2);
        assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
    }
}
