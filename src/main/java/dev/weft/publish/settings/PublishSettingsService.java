package dev.weft.publish.settings;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads and changes apps' {@link PublishSettings}. Every Service API request reads them, so they are kept in
 * memory once read; a change through this service replaces the kept copy at once.
 */
@Service
public class PublishSettingsService {

    private final AppPublishSettingsRepository repository;
    private final Map<String, PublishSettings> cache = new ConcurrentHashMap<>();

    public PublishSettingsService(AppPublishSettingsRepository repository) {
        this.repository = repository;
    }

    /** The app's settings, or {@link PublishSettings#DEFAULTS} when it has none (no transaction: most calls are answered from memory). */
    public PublishSettings get(String appId) {
        PublishSettings cached = cache.get(appId);
        if (cached != null) {
            return cached;
        }
        PublishSettings s = repository.findById(appId).map(AppPublishSettings::toValue).orElse(PublishSettings.DEFAULTS);
        cache.put(appId, s);
        return s;
    }

    @Transactional
    public PublishSettings update(String appId, PublishSettings settings) {
        AppPublishSettings row = repository.findById(appId).orElseGet(() -> new AppPublishSettings(appId));
        row.apply(settings);
        repository.save(row);
        PublishSettings stored = row.toValue();
        cache.put(appId, stored);
        return stored;
    }

    /** True when some app allows this browser origin (for CORS preflights, which carry no key). */
    public boolean anyAppAllows(String origin) {
        return repository.findAll().stream().map(AppPublishSettings::toValue).anyMatch(s -> s.allowsOrigin(origin));
    }
}
