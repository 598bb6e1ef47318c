package dev.weft.model.gateway;

import dev.weft.knowledge.embed.EmbeddingModels;
import dev.weft.model.catalog.ModelCatalog;
import dev.weft.model.provider.ConfiguredChatModelResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the {@link ModelGateway} in front of the configured provider clients. The semantic cache embeds with
 * Weft's default local embedding model ({@link EmbeddingModels#DEFAULT_ID}), loaded on its first use.
 */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    @Bean(destroyMethod = "close")
    ModelGateway modelGateway(ConfiguredChatModelResolver providers, GatewayPolicies policies, GatewayBudgets budgets,
            ModelCatalog catalog, EmbeddingModels embeddings) {
        return new ModelGateway(providers, policies, budgets, catalog,
                () -> text -> embeddings.get(EmbeddingModels.DEFAULT_ID).embedQuery(text));
    }
}
