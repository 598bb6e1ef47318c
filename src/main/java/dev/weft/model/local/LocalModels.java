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
 * Callers hold a {@link Loaded#acquire() lease} while they use a model: a model unloaded during a generation is
 * closed when its last lease is released, never under a running generation (that would free native memory in use).
 */
@Component
public class LocalModels implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalModels.class);
    private static final AtomicBoolean LOGGER_SET = new AtomicBoolean();

    /** A loaded model with the header it was checked against, counting the callers that use it now. */
    public static final class Loaded {

        private final LlamaModel model;
        private final GgufFile file;
        private final LocalGgufSettings settings;
        private int users;
        private boolean retired;
        private boolean closed;

        Loaded(LlamaModel model, GgufFile file, LocalGgufSettings settings) {
            this.model = model;
            this.file = file;
            this.settings = settings;
        }

        public LlamaModel model() { return model; }
        public GgufFile file() { return file; }
        public LocalGgufSettings settings() { return settings; }

        /** Takes a lease; false when the model was unloaded meanwhile (load it again). */
        public synchronized boolean acquire() {
            if (retired) {
                return false;
            }
            users++;
            return true;
        }

        public synchronized void release() {
            users--;
            closeIfUnused();
        }

        /** Whether the native model was freed. */
        public synchronized boolean isClosed() {
            return closed;
        }

        synchronized void retire() {
            retired = true;
            closeIfUnused();
        }

        private void closeIfUnused() {
            if (retired && users == 0 && !closed) {
                closed = true;
                model.close();
            }
        }
    }

    private record Key(String owner, LocalGgufSettings settings) {}

    private final Map<Key, Loaded> loaded = new ConcurrentHashMap<>();

    /** The model of {@code settings}, loading it when it is not loaded yet; {@code owner} is the provider id. */
    public Loaded get(String owner, LocalGgufSettings settings) {
        return loaded.computeIfAbsent(new Key(owner, settings), k -> load(settings));
    }

    /** Like {@link #get}, with a lease taken: release it when done with the model. */
    public Loaded lease(String owner, LocalGgufSettings settings) {
        while (true) {
            Loaded model = get(owner, settings);
            if (model.acquire()) {
                return model;
            }
            loaded.remove(new Key(owner, settings), model); // unloaded meanwhile: load again
        }
    }

    /** How many models are loaded now. */
    public int loadedCount() {
        return loaded.size();
    }

    /** Unloads the models of one provider. */
    public void unload(String owner) {
        loaded.entrySet().removeIf(e -> {
            if (e.getKey().owner().equals(owner)) {
                e.getValue().retire();
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
        loaded.values().forEach(Loaded::retire);
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
