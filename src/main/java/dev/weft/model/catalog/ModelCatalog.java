package dev.weft.model.catalog;

import dev.weft.model.CallCost;
import dev.weft.model.TokenUsage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The model catalogue: context windows, prices and capabilities of the common hosted models, shipped in
 * {@value #RESOURCE}, plus each workspace's own entries (custom and self-hosted models, changed prices), which
 * win. Lookups match a name exactly (ignoring case), else the longest entry the name starts with followed by a
 * version suffix ({@code gpt-4o-2024-08-06} is {@code gpt-4o}), else the same after dropping a
 * {@code provider/} or {@code models/} prefix. Models the catalogue does not know cost 0, and
 * {@link CallCost#priced()} says so.
 */
@Component
public class ModelCatalog {

    public static final String RESOURCE = "/model-catalog.json";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private final Map<String, ModelInfo> shipped;
    private final ModelCatalogEntryRepository entries;
    private final Map<String, Map<String, ModelInfo>> workspaceEntries = new ConcurrentHashMap<>();

    /** The shipped catalogue only (for tests and benchmarks). */
    public ModelCatalog() {
        this(null);
    }

    @Autowired
    ModelCatalog(ModelCatalogEntryRepository entries) {
        this.shipped = load();
        this.entries = entries;
    }

    /** The shipped entries, in file order. */
    public List<ModelInfo> shippedModels() {
        return List.copyOf(shipped.values());
    }

    /** The workspace's own entries, by model name. */
    public List<ModelInfo> workspaceModels(String workspaceId) {
        return workspaceId == null ? List.of() : List.copyOf(workspaceMap(workspaceId).values());
    }

    /** What the catalogue knows of {@code model} for the workspace (null: the shipped catalogue only). */
    public Optional<ModelInfo> find(String workspaceId, String model) {
        if (model == null || model.isBlank()) {
            return Optional.empty();
        }
        String name = model.strip().toLowerCase(Locale.ROOT);
        if (workspaceId != null && entries != null) {
            Optional<ModelInfo> own = match(workspaceMap(workspaceId), name);
            if (own.isPresent()) {
                return own;
            }
        }
        return match(shipped, name);
    }

    /** What a call with {@code usage} to {@code model} cost: zero and {@code priced=false} for unknown models. */
    public CallCost price(String workspaceId, String model, TokenUsage usage) {
        Optional<ModelInfo> info = find(workspaceId, model);
        if (info.isEmpty()) {
            return CallCost.UNPRICED;
        }
        TokenUsage u = usage == null ? TokenUsage.NONE : usage;
        return new CallCost(perMillion(info.get().inputPricePerMillion(), u.promptTokens()),
                perMillion(info.get().outputPricePerMillion(), u.completionTokens()), CallCost.USD, true);
    }

    /** Adds or replaces the workspace's entry for {@code info.model()}. */
    @Transactional
    public ModelInfo save(String workspaceId, ModelInfo info) {
        requireStore(workspaceId);
        ModelCatalogEntry entry = entries.findById(new ModelCatalogEntry.Key(workspaceId, info.model()))
                .orElseGet(() -> new ModelCatalogEntry(workspaceId, info));
        entry.update(info);
        entries.save(entry);
        workspaceEntries.remove(workspaceId);
        return entry.toInfo();
    }

    @Transactional
    public void delete(String workspaceId, String model) {
        requireStore(workspaceId);
        entries.deleteById(new ModelCatalogEntry.Key(workspaceId, model));
        workspaceEntries.remove(workspaceId);
    }

    static BigDecimal perMillion(BigDecimal pricePerMillion, long tokens) {
        if (tokens == 0 || pricePerMillion.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return pricePerMillion.multiply(BigDecimal.valueOf(tokens)).divide(MILLION, MathContext.DECIMAL64);
    }

    private void requireStore(String workspaceId) {
        if (entries == null) {
            throw new IllegalStateException("this catalogue has no database: it holds the shipped models only");
        }
        if (workspaceId == null || workspaceId.isBlank()) {
            throw new IllegalArgumentException("catalogue entries belong to a workspace: the workspace id is required");
        }
    }

    private Map<String, ModelInfo> workspaceMap(String workspaceId) {
        return workspaceEntries.computeIfAbsent(workspaceId, id -> {
            Map<String, ModelInfo> m = new LinkedHashMap<>();
            for (ModelCatalogEntry e : entries.findByWorkspaceId(id)) {
                ModelInfo info = e.toInfo();
                m.put(info.model().toLowerCase(Locale.ROOT), info);
            }
            return m;
        });
    }

    private static Optional<ModelInfo> match(Map<String, ModelInfo> byName, String name) {
        Optional<ModelInfo> found = matchName(byName, name);
        if (found.isEmpty()) {
            int slash = name.lastIndexOf('/');
            if (slash >= 0 && slash < name.length() - 1) {
                found = matchName(byName, name.substring(slash + 1));
            }
        }
        return found;
    }

    private static Optional<ModelInfo> matchName(Map<String, ModelInfo> byName, String name) {
        ModelInfo exact = byName.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        return byName.entrySet().stream()
                .filter(e -> name.length() > e.getKey().length() && name.startsWith(e.getKey())
                        && "-@:".indexOf(name.charAt(e.getKey().length())) >= 0)
                .max(Comparator.comparingInt(e -> e.getKey().length()))
                .map(Map.Entry::getValue);
    }

    private static Map<String, ModelInfo> load() {
        try (InputStream in = ModelCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the model catalogue " + RESOURCE + " is missing from the classpath");
            }
            JsonNode root = JSON.readTree(in);
            Map<String, ModelInfo> out = new LinkedHashMap<>();
            for (JsonNode m : root.path("models")) {
                Set<String> caps = new HashSet<>();
                m.path("capabilities").forEach(c -> caps.add(c.asString()));
                ModelInfo info = new ModelInfo(m.path("model").asString(), m.path("family").asString(null),
                        m.hasNonNull("context_window") ? m.path("context_window").asInt() : null,
                        m.path("input_price_per_million").decimalValue(), m.path("output_price_per_million").decimalValue(),
                        caps, ModelInfo.SHIPPED);
                if (out.put(info.model().toLowerCase(Locale.ROOT), info) != null) {
                    throw new IllegalStateException("the model catalogue lists '" + info.model() + "' twice");
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the model catalogue " + RESOURCE, e);
        }
    }

    /** For listings: shipped entries with the workspace's entries replacing or added to them. */
    public List<ModelInfo> effectiveModels(String workspaceId) {
        Map<String, ModelInfo> all = new LinkedHashMap<>(shipped);
        if (workspaceId != null && entries != null) {
            all.putAll(workspaceMap(workspaceId));
        }
        return new ArrayList<>(all.values());
    }
}
