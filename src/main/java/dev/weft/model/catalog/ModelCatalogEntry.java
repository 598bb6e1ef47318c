package dev.weft.model.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** A workspace's own catalogue entry (table {@code model_catalog_entry}). */
@Entity
@Table(name = "model_catalog_entry")
@IdClass(ModelCatalogEntry.Key.class)
class ModelCatalogEntry {

    record Key(String workspaceId, String model) implements Serializable {
        Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "workspace_id", length = 36)
    private String workspaceId;

    @Id
    @Column(length = 200)
    private String model;

    @Column(name = "context_window")
    private Integer contextWindow;

    @Column(name = "input_price", nullable = false, precision = 20, scale = 6)
    private BigDecimal inputPrice;

    @Column(name = "output_price", nullable = false, precision = 20, scale = 6)
    private BigDecimal outputPrice;

    @Column(nullable = false, length = 100)
    private String capabilities;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ModelCatalogEntry() {}

    ModelCatalogEntry(String workspaceId, ModelInfo info) {
        this.workspaceId = workspaceId;
        this.model = info.model();
        update(info);
    }

    void update(ModelInfo info) {
        this.contextWindow = info.contextWindow();
        this.inputPrice = info.inputPricePerMillion();
        this.outputPrice = info.outputPricePerMillion();
        this.capabilities = new TreeSet<>(info.capabilities()).stream().collect(Collectors.joining(","));
        this.updatedAt = Instant.now();
    }

    String getWorkspaceId() {
        return workspaceId;
    }

    ModelInfo toInfo() {
        Set<String> caps = capabilities == null || capabilities.isBlank() ? Set.of()
                : Arrays.stream(capabilities.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        return new ModelInfo(model, null, contextWindow, inputPrice, outputPrice, caps, ModelInfo.WORKSPACE);
    }
}
