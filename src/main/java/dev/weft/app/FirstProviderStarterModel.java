package dev.weft.app;

import dev.weft.model.provider.ModelProviderService;
import dev.weft.model.provider.ModelProviderView;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * New apps start on the workspace's first model provider (by name) that has a default model, with that
 * model; failing that, on the first provider with no model name (the node then asks for one).
 */
@Component
class FirstProviderStarterModel implements StarterModelSource {

    private final ModelProviderService providers;

    FirstProviderStarterModel(ModelProviderService providers) {
        this.providers = providers;
    }

    @Override
    public StarterModel forWorkspace(String workspaceId) {
        List<ModelProviderView> list = providers.list(workspaceId);
        return list.stream()
                .filter(p -> p.defaultModel() != null && !p.defaultModel().isBlank())
                .findFirst()
                .or(() -> list.stream().findFirst())
                .map(p -> new StarterModel(p.name(), p.defaultModel()))
                .orElse(StarterModel.NONE);
    }
}
