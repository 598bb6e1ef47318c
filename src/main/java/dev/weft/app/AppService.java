package dev.weft.app;

import dev.weft.app.definition.AppDefinition;
import dev.weft.app.definition.AppMode;
import dev.weft.app.definition.EnvironmentVariable;
import dev.weft.security.SecretCipher;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates, lists, edits, versions and deletes apps. Each app has one editable draft (version 0) and
 * immutable published versions 1, 2, 3... Definitions are stored as JSON with secret environment
 * variables encrypted by {@link SecretCipher}; {@link #runnableDefinition} decrypts them for a run.
 */
@Service
@Transactional
public class AppService {

    static final int MAX_NAME_LENGTH = 255;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AppRepository apps;
    private final AppVersionRepository versions;
    private final SecretCipher cipher;
    private final StarterModelSource starterModels;
    private final AppTemplates templates;
    private final LatestPublishedVersions latestPublished;

    public AppService(AppRepository apps, AppVersionRepository versions, SecretCipher cipher, StarterModelSource starterModels,
            AppTemplates templates, LatestPublishedVersions latestPublished) {
        this.latestPublished = latestPublished;
        this.apps = apps;
        this.versions = versions;
        this.cipher = cipher;
        this.starterModels = starterModels;
        this.templates = templates;
    }

    /**
     * A new app whose draft is the starter graph for its mode; its LLM node, if any, calls the workspace's
     * first model provider and that provider's default model (see {@link StarterModelSource}).
     */
    public App create(String workspaceId, String name, AppMode mode, String description, String createdBy) {
        if (mode == null) {
            throw new IllegalArgumentException("the app mode is required: chat, completion, workflow or advanced-chat");
        }
        StarterModel model = mode == AppMode.WORKFLOW ? StarterModel.NONE : starterModels.forWorkspace(workspaceId);
        return createFromDefinition(workspaceId, name, description, null, StarterDefinitions.forMode(mode, model), createdBy);
    }

    /**
     * A new app from one of {@link AppTemplates}: its nodes call the workspace's starter model and search
     * {@code datasetIds}. A blank name takes the template's name.
     */
    public App createFromTemplate(String workspaceId, String templateId, String name, List<String> datasetIds, String createdBy) {
        AppTemplate template = templates.find(templateId).orElseThrow(() ->
                new IllegalArgumentException("unknown template '" + templateId + "'"));
        AppDefinition definition = templates.definition(templateId, starterModels.forWorkspace(workspaceId), datasetIds);
        return createFromDefinition(workspaceId, name == null || name.isBlank() ? template.name() : name,
                template.description(), null, definition, createdBy);
    }

    /** A new app whose draft is the given definition (for DSL import); its mode comes from the definition. */
    public App createFromDefinition(
            String workspaceId, String name, String description, String icon, AppDefinition definition, String createdBy) {
        if (workspaceId == null || workspaceId.isBlank()) {
            throw new IllegalArgumentException("the workspace id is required");
        }
        if (definition == null || definition.mode() == null) {
            throw new IllegalArgumentException("the app definition and its mode are required");
        }
        App app = apps.save(new App(workspaceId, checkName(name), definition.mode(), description, icon));
        versions.save(AppVersion.draft(app.getId(), toStoredJson(definition), createdBy));
        return app;
    }

    @Transactional(readOnly = true)
    public List<App> list(String workspaceId) {
        return apps.findByWorkspaceIdOrderByUpdatedAtDesc(workspaceId);
    }

    @Transactional(readOnly = true)
    public Optional<App> find(String appId) {
        return appId == null ? Optional.empty() : apps.findById(appId);
    }

    /** @throws AppNotFoundException when there is no such app */
    @Transactional(readOnly = true)
    public App get(String appId) {
        return find(appId).orElseThrow(() -> new AppNotFoundException("no app with id '" + appId + "'"));
    }

    public App rename(String appId, String newName) {
        App app = get(appId);
        app.updateDetails(checkName(newName), app.getDescription(), app.getIcon());
        return apps.save(app);
    }

    public App updateDetails(String appId, String name, String description, String icon) {
        App app = get(appId);
        app.updateDetails(checkName(name), description, icon);
        return apps.save(app);
    }

    /** A new app named "… (copy)" with a copy of the draft; published versions are not copied. */
    public App duplicate(String appId, String createdBy) {
        App source = get(appId);
        AppVersion draft = draftVersion(appId);
        String name = source.getName() + " (copy)";
        App copy = apps.save(new App(source.getWorkspaceId(),
                name.length() > MAX_NAME_LENGTH ? source.getName() : name,
                source.getMode(), source.getDescription(), source.getIcon()));
        versions.save(AppVersion.draft(copy.getId(), draft.getDefinition(), createdBy));
        return copy;
    }

    /** Deletes the app with its versions, runs, conversations and messages (the database cascades). */
    public void delete(String appId) {
        App app = get(appId);
        versions.deleteByAppId(app.getId());
        apps.delete(app);
        apps.flush();
        forgetLatestAfterCommit(appId);
    }

    /** The draft version row (its id goes into run records). */
    @Transactional(readOnly = true)
    public AppVersion draftVersion(String appId) {
        return versions.findByAppIdAndVersion(appId, AppVersion.DRAFT)
                .orElseThrow(() -> new AppNotFoundException("no app with id '" + appId + "'"));
    }

    /** The draft definition as stored: secret values are ciphertext, which {@link #saveDraft} keeps. */
    @Transactional(readOnly = true)
    public AppDefinition draft(String appId) {
        return definitionOf(draftVersion(appId));
    }

    /**
     * Replaces the draft. Secret environment variables given in plain text are encrypted; values that are
     * already ciphertext stay as they are. Returns the definition as stored.
     *
     * @throws IllegalArgumentException when the definition's mode differs from the app's
     */
    public AppDefinition saveDraft(String appId, AppDefinition definition, String editedBy) {
        App app = get(appId);
        if (definition == null) {
            throw new IllegalArgumentException("the definition is required");
        }
        AppDefinition withMode = definition.mode() == null ? withMode(definition, app.getMode()) : definition;
        if (withMode.mode() != app.getMode()) {
            throw new IllegalArgumentException("the definition is for a " + withMode.mode().value()
                    + " app, but app '" + app.getName() + "' is a " + app.getMode().value() + " app");
        }
        AppVersion draft = draftVersion(appId);
        String json = toStoredJson(withMode);
        draft.replaceDefinition(json, editedBy);
        versions.save(draft);
        app.touch();
        apps.save(app);
        return fromJson(json);
    }

    /** Copies the draft into a new immutable version numbered one above the latest. */
    public AppVersion publish(String appId, String name, String releaseNotes, String publishedBy) {
        App app = get(appId);
        AppVersion draft = draftVersion(appId);
        int next = versions.maxVersion(appId) + 1;
        AppVersion published = versions.save(
                AppVersion.published(appId, next, draft.getDefinition(), name, releaseNotes, publishedBy));
        app.touch();
        apps.save(app);
        forgetLatestAfterCommit(appId);
        return published;
    }

    /** The draft's row id and last change, without its definition. */
    @Transactional(readOnly = true)
    public VersionStamp draftStamp(String appId) {
        return versions.findDraftStamp(appId).orElseThrow(() -> new AppNotFoundException("no app with id '" + appId + "'"));
    }

    private void forgetLatestAfterCommit(String appId) {
        latestPublished.forget(appId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    latestPublished.forget(appId);
                }
            });
        }
    }

    /** Published versions, newest first. */
    @Transactional(readOnly = true)
    public List<AppVersion> versions(String appId) {
        return versions.findPublished(appId);
    }

    /** @throws AppNotFoundException when the app has no published version with this number */
    @Transactional(readOnly = true)
    public AppVersion version(String appId, int number) {
        if (number <= AppVersion.DRAFT) {
            throw new IllegalArgumentException("published version numbers start at 1, got " + number);
        }
        return versions.findByAppIdAndVersion(appId, number).orElseThrow(() ->
                new AppNotFoundException("app '" + appId + "' has no published version " + number));
    }

    /** A draft or published version by its row id (Dify's {@code workflow_id}). */
    @Transactional(readOnly = true)
    public Optional<AppVersion> findVersion(String versionId) {
        return versionId == null ? Optional.empty() : versions.findById(versionId);
    }

    @Transactional(readOnly = true)
    public Optional<AppVersion> latestPublished(String appId) {
        return versions.findPublished(appId).stream().findFirst();
    }

    /** Copies a published version's definition into the draft and returns the new draft definition. */
    public AppDefinition restore(String appId, int number, String restoredBy) {
        AppVersion source = version(appId, number);
        AppVersion draft = draftVersion(appId);
        draft.replaceDefinition(source.getDefinition(), restoredBy);
        versions.save(draft);
        App app = get(appId);
        app.touch();
        apps.save(app);
        return definitionOf(draft);
    }

    /** A version's definition as stored (secrets encrypted). */
    public AppDefinition definitionOf(AppVersion version) {
        return fromJson(version.getDefinition());
    }

    /** A version's definition with secret environment variables decrypted, for running it. */
    public AppDefinition runnableDefinition(AppVersion version) {
        return mapSecrets(definitionOf(version), v -> cipher.isEncrypted(v) ? cipher.decrypt(v) : v);
    }

    private String toStoredJson(AppDefinition definition) {
        AppDefinition encrypted = mapSecrets(definition, v -> v.isEmpty() || cipher.isEncrypted(v) ? v : cipher.encrypt(v));
        return JSON.writeValueAsString(encrypted);
    }

    private static AppDefinition mapSecrets(AppDefinition definition, UnaryOperator<String> transform) {
        if (definition.environmentVariables().stream().noneMatch(EnvironmentVariable::isSecret)) {
            return definition;
        }
        return definition.withEnvironmentVariables(definition.environmentVariables().stream()
                .map(v -> v.isSecret() && v.value() != null ? v.withValue(transform.apply(v.value().toString())) : v)
                .toList());
    }

    static AppDefinition fromJson(String json) {
        try {
            return JSON.readValue(json, AppDefinition.class);
        } catch (JacksonException e) {
            throw new IllegalStateException("a stored app definition is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static AppDefinition withMode(AppDefinition d, AppMode mode) {
        return new AppDefinition(d.schema(), mode, d.graph(), d.environmentVariables(), d.conversationVariables(), d.features());
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the app name is required");
        }
        String n = name.strip();
        if (n.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("the app name has " + n.length() + " characters; at most "
                    + MAX_NAME_LENGTH + " are allowed");
        }
        return n;
    }
}
