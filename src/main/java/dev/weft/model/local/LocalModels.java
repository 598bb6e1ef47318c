package dev.weft.model.local;

import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.LogFormat;
import dev.weft.model.ModelException;
import dev.weft.model.provider.ModelProvidersChanged;
import jakarta.annotation.PreDestroy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The GGUF models loaded in this process by llama.cpp, one per file and settings, loaded on first use and shared by
 * every node that calls them. A provider that changes or is deleted unloads its models; shutdown unloads all.
 */
@Component
public class LocalModels implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalModels.class);
    private static final AtomicBoolean LOGGER_SET = new AtomicBoolean();

    /** A loaded model with the header it was checked against. */
    public record Loaded(LlamaModel model, GgufFile file, LocalGgufSettings settings) {}

    private record Key(String owner, LocalGgufSettings settings) {}

    private final Map<Key, Loaded> loaded = new ConcurrentHashMap<>();

    /** The model of {@code settings}, loading it when it is not loaded yet; {@code owner} is the provider id. */
    public Loaded get(String owner, LocalGgufSettings settings) {
        return loaded.computeIfAbsent(new Key(owner, settings), k -> load(settings));
    }

    /** How many models are loaded now. */
    public int loadedCount() {
        return loaded.size();
    }

    /** Unloads the models of one provider. */
    public void unload(String owner) {
        loaded.entrySet().removeIf(e -> {
            if (e.getKey().owner().equals(owner)) {
                e.getValue().model().close();
                return true;
            }
            return false;
        });
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onProvidersChanged(ModelProvidersChanged event) {
        unload(event.providerId());
    }

    @PreDestroy
    @Override
    public void close() {
        loaded.values().forEach(l -> l.model().close());
        loaded.clear();
    }

    private static Loaded load(LocalGgufSettings settings) {
        GgufFile file;
        try {
            file = GgufFile.read(settings.path());
        } catch (IllegalArgumentException e) {
            throw new ModelException(e.getMessage(), 0);
        }
        if (LOGGER_SET.compareAndSet(false, true)) {
            LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> log.debug("llama.cpp {}: {}", level, message.strip()));
        }
        ModelParameters parameters = new ModelParameters()
                .setModel(settings.path().toString())
                .setCtxSize(settings.contextSize())
                .setGpuLayers(settings.gpuLayers());
        if (settings.threads() > 0) {
            parameters.setThreads(settings.threads()).setThreadsBatch(settings.threads());
        }
        if (file.chatTemplate() != null) {
            parameters.enableJinja(); // render the model's own template with llama.cpp's Jinja engine
        }
        long started = System.nanoTime();
        try {
            LlamaModel model = new LlamaModel(parameters);
            log.info("loaded {} ({}, {} tensors) in {} ms", settings.path(), file.architecture(), file.tensorCount(),
                    (System.nanoTime() - started) / 1_000_000);
            return new Loaded(model, file, settings);
        } catch (RuntimeException | UnsatisfiedLinkError e) { // llama.cpp's LlamaException is not public
            throw new ModelException("llama.cpp could not load " + settings.path() + " (" + file.architecture()
                    + "): " + e.getMessage() + ". Check that the file is a complete GGUF model of an architecture llama.cpp supports", e);
        }
    }
}
