package dev.weft.model.gateway;

import dev.weft.model.ChatModel;
import dev.weft.model.ChatModelResolver;
import dev.weft.model.ModelException;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * The application's {@link ChatModelResolver}: every model it hands out sends its calls through the
 * {@link ModelGateway}, which reaches the provider clients through {@code ConfiguredChatModelResolver}. Calls
 * without a scope get the gateway's defaults.
 */
@Primary
@Component
public class GatewayChatModelResolver implements ChatModelResolver {

    private final ModelGateway gateway;

    public GatewayChatModelResolver(ModelGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public ChatModel resolve(String provider, String model) throws ModelException {
        return resolve(provider, model, CallScope.NONE);
    }

    @Override
    public ChatModel resolve(String provider, String model, CallScope scope) throws ModelException {
        if (provider == null || provider.isBlank()) {
            throw new ModelException("the node names no model provider (model.provider is empty)", 0);
        }
        return gateway.model(scope == null ? CallScope.NONE : scope, provider.strip(), model == null || model.isBlank() ? null : model.strip());
    }
}
