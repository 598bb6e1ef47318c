package dev.weft.app;

import dev.weft.model.defaults.DefaultModelService;
import dev.weft.model.defaults.ModelType;
import dev.weft.model.provider.ModelProviderService;
import dev.weft.model.provider.ModelProviderView;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * New apps start on the workspace's default chat model (Settings → Model providers → Default models). Without one,
 * on the workspace's first model provider (by name) that has a default model, with that model; failing that, on the
 * first provider with no model name (the node then asks for one).
 */
@Component
class WorkspaceStarterModel implements StarterModelSource {

    private final ModelProviderService providers;
    private final DefaultModelService defaults;

    WorkspaceStarterModel(ModelProviderService providers, DefaultModelService defaults) {
        this.providers = providers;
        this.defaults = defaults;
    }

    @Override
    public StarterModel forWorkspace(String workspaceId) {
        Optional<StarterModel> chosen = defaults.get(workspaceId, ModelType.CHAT)
                .flatMap(d -> defaults.provider(workspaceId, d).map(p -> new StarterModel(p.name(), d.model())));
        if (chosen.isPresent()) {
            return chosen.get();
        }
        List<ModelProviderView> list = providers.list(workspaceId);
        return list.stream()
                .filter(p -> p.defaultModel() != null && !p.defaultModel().isBlank())
                .findFirst()
                .or(() -> list.stream().findFirst())
                .map(p -> new StarterModel(p.name(), p.defaultModel()))
                .orElse(StarterModel.NONE);
    }
}
