package dev.weft.api.sse;

import dev.weft.engine.event.TokenUsageSummary;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dify's {@code metadata.usage} object of chat messages: token counts, prices as decimal strings (priced
 * from the model catalogue by the model gateway; "0" for models it has no price for), currency and latency in
 * seconds. The unit prices are left "0": a run may sum calls to several models.
 */
public final class DifyUsage {

    private DifyUsage() {}

    public static Map<String, Object> of(TokenUsageSummary usage, long elapsedMillis) {
        TokenUsageSummary u = usage == null ? TokenUsageSummary.NONE : usage;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("prompt_tokens", u.promptTokens());
        m.put("prompt_unit_price", "0");
        m.put("prompt_price_unit", "0");
        m.put("prompt_price", u.promptPrice().stripTrailingZeros().toPlainString());
        m.put("completion_tokens", u.completionTokens());
        m.put("completion_unit_price", "0");
        m.put("completion_price_unit", "0");
        m.put("completion_price", u.completionPrice().stripTrailingZeros().toPlainString());
        m.put("total_tokens", u.totalTokens());
        m.put("total_price", u.totalPrice().stripTrailingZeros().toPlainString());
        m.put("currency", TokenUsageSummary.CURRENCY);
        m.put("latency", elapsedMillis / 1000.0);
        return m;
    }
}
