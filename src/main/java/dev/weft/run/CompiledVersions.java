package dev.weft.run;

import dev.weft.app.AppService;
import dev.weft.app.AppVersion;
import dev.weft.app.VersionStamp;
import dev.weft.app.definition.AppDefinition;
import dev.weft.engine.graph.CompiledGraph;
import dev.weft.engine.graph.GraphCompiler;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Runnable definitions and compiled graphs of app versions, kept in memory so that a run does not load, parse,
 * decrypt and compile its app on every call. Published versions never change, so they are kept as they are;
 * a draft is kept together with its last-change time and compiled again once the draft has been saved since.
 */
@Component
public class CompiledVersions {

    /** At most this many versions are kept; beyond it the cache starts over. */
    static final int MAX_ENTRIES = 1_000;

    /** A version ready to run: its row id (Dify's {@code workflow_id}), definition with secrets decrypted, and graph. */
    public record Compiled(String versionId, Instant updatedAt, AppDefinition definition, CompiledGraph graph) {}

    private record Key(String appId, int version) {}

    private final AppService apps;
    private final GraphCompiler compiler;
    private final Map<Key, Compiled> cache = new ConcurrentHashMap<>();

    public CompiledVersions(AppService apps, GraphCompiler compiler) {
        this.apps = apps;
        this.compiler = compiler;
    }

    /** The draft ({@code version} null) or a published version of the app. */
    public Compiled get(String appId, Integer version) {
        if (version == null) {
            VersionStamp stamp = apps.draftStamp(appId);
            Key key = new Key(appId, AppVersion.DRAFT);
            Compiled kept = cache.get(key);
            if (kept != null && kept.versionId().equals(stamp.id()) && Objects.equals(kept.updatedAt(), stamp.updatedAt())) {
                return kept;
            }
            return keep(key, compile(apps.draftVersion(appId)));
        }
        Key key = new Key(appId, version);
        Compiled kept = cache.get(key);
        return kept != null ? kept : keep(key, compile(apps.version(appId, version)));
    }

    private Compiled compile(AppVersion version) {
        AppDefinition definition = apps.runnableDefinition(version);
        return new Compiled(version.getId(), version.getUpdatedAt(), definition, compiler.compile(definition.graph()));
    }

    private Compiled keep(Key key, Compiled compiled) {
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(key, compiled);
        return compiled;
    }
}
