package dev.weft.knowledge.retrieve;

import dev.weft.knowledge.retrieve.RetrievalSettings.RerankModelRef;
import dev.weft.model.ModelException;
import dev.weft.model.provider.ModelProvider;
import dev.weft.model.provider.ModelProviderRepository;
import dev.weft.model.provider.ProviderType;
import dev.weft.security.SecretCipher;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rerank endpoints from the configured model providers (Settings → Model providers): the provider's base URL and
 * its decrypted API key, found by provider id, or else by name (case-insensitive), as chat models find theirs.
 */
@Component
public class StoredRerankEndpoints implements RerankEndpoints {

    private final ModelProviderRepository providers;
    private final SecretCipher cipher;

    public StoredRerankEndpoints(ModelProviderRepository providers, SecretCipher cipher) {
        this.providers = providers;
        this.cipher = cipher;
    }

    @Override
    @Transactional(readOnly = true)
    public RerankEndpoint find(RerankModelRef model) {
        String ref = model.providerId() == null ? "" : model.providerId().strip();
        if (ref.isEmpty()) {
            throw new ModelException("the rerank model '" + model.model() + "' names no model provider", 0);
        }
        ModelProvider provider = providers.findById(ref).orElseGet(() -> byName(ref));
        if (!ProviderType.OPENAI_COMPATIBLE.id().equals(provider.getProviderType())) {
            throw new ModelException("the model provider '" + provider.getName() + "' has the type '" + provider.getProviderType()
                    + "', which serves no rerank models; add the rerank server (Cohere, Jina, Voyage, text-embeddings-inference,"
                    + " Xinference) as an " + ProviderType.OPENAI_COMPATIBLE.id() + " provider", 0);
        }
        return new RerankEndpoint(provider.getName(), provider.getBaseUrl(), cipher.decrypt(provider.getApiKeyCiphertext()));
    }

    private ModelProvider byName(String name) {
        List<ModelProvider> all = providers.findAllByOrderByNameAsc();
        List<ModelProvider> named = all.stream().filter(p -> p.getName().equalsIgnoreCase(name)).toList();
        if (named.size() == 1) {
            return named.getFirst();
        }
        throw new ModelException(named.isEmpty()
                ? "no model provider '" + name + "' for the rerank model; add it under Settings > Model providers"
                : "the model provider name '" + name + "' is ambiguous: " + named.size() + " providers are named like it", 0);
    }
}
