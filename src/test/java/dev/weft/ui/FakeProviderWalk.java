package dev.weft.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.weft.app.AppService;
import dev.weft.app.definition.AppDefinition;
import dev.weft.model.openai.FakeOpenAiServer;
import dev.weft.model.openai.FakeOpenAiServer.Reply;
import dev.weft.model.provider.ModelProvider;
import dev.weft.model.provider.ModelProviderDraft;
import dev.weft.model.provider.ModelProviderService;
import dev.weft.security.AccountService;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * The setup of a browser walk that builds apps and chats with them: a new workspace and its owner, Chromium, and a fake
 * OpenAI-compatible provider on 127.0.0.1 registered as "Fake AI" (default model {@code gpt-fake}). The walk's steps run
 * on a new page; when they fail, the page is saved as {@code <name>-failure.png} first.
 */
public final class FakeProviderWalk {

    /** The account that signs up: the workspace's name, its email, its name and its password. */
    public record Owner(String workspace, String email, String name, String password) {}

    /** What the walk does once signed up; {@code workspaceId} is the owner's workspace. */
    @FunctionalInterface
    public interface Steps {
        void run(Page page, FakeOpenAiServer fake, String workspaceId) throws Exception;
    }

    private FakeProviderWalk() {}

    /** Signs up {@code owner}, starts Chromium and the fake (or skips without Chromium) and runs {@code steps}. */
    public static void run(AccountService accounts, ModelProviderService providers, Owner owner, String name, Steps steps)
            throws Exception {
        accounts.createOwner(owner.workspace(), owner.email(), owner.name(), owner.password());
        String workspace = accounts.findByEmail(owner.email()).orElseThrow().getWorkspaceId();
        try (Browser browser = Browser.launch(); FakeOpenAiServer fake = FakeOpenAiServer.start()) {
            providers.create(new ModelProviderDraft(workspace, "Fake AI", ModelProvider.OPENAI_COMPATIBLE, fake.baseUrl(), "sk-test",
                    "gpt-fake", null));
            Page page = browser.newPage();
            try {
                steps.run(page, fake, workspace);
            } catch (Exception | AssertionError e) {
                Browser.screenshot(page, name + "-failure");
                throw e;
            }
        }
    }

    /**
     * Chats in the designer's preview and watches the answer stream in: the fake streams {@code words} (after the
     * replies already queued), holding after the fourth until the page shows the first four with the run still running
     * (screenshot {@code <name>-streaming}), then the whole answer and a successful run. The fake got a streamed request.
     */
    public static void previewStreamedAnswer(Page page, FakeOpenAiServer fake, String question, List<String> words,
            String name) throws InterruptedException {
        fake.enqueue(Reply.stream(words, Duration.ofMillis(40)).holdAfter(4));
        Browser.button(page, "Preview").click();
        Browser.settle(page);
        Locator message = page.locator(".weft-run-panel").getByLabel("Message", new Locator.GetByLabelOptions().setExact(true));
        message.fill(question);
        message.press("Enter");
        assertThat(fake.awaitHolding(Duration.ofSeconds(30))).isTrue();
        Locator answer = page.locator(".weft-run-answer").last();
        PlaywrightAssertions.assertThat(answer).hasText(String.join("", words.subList(0, 4)));
        PlaywrightAssertions.assertThat(page.locator(".weft-run-status")).containsText("Running");
        Browser.screenshot(page, name + "-streaming");
        fake.release();
        PlaywrightAssertions.assertThat(answer).hasText(String.join("", words));
        PlaywrightAssertions.assertThat(page.locator(".weft-run-status")).containsText("succeeded");
        assertThat(fake.lastRequest().body().path("stream").asBoolean()).isTrue();
    }

    /**
     * The stored draft once the designer's autosave has written what {@code ready} expects; fails when it has not
     * within {@code atMost}.
     */
    public static AppDefinition awaitDraft(AppService apps, String appId, Duration atMost, Predicate<AppDefinition> ready)
            throws InterruptedException {
        long until = System.nanoTime() + atMost.toNanos();
        AppDefinition draft = apps.draft(appId);
        while (!ready.test(draft) && System.nanoTime() < until) {
            Thread.sleep(100);
            draft = apps.draft(appId);
        }
        assertThat(ready.test(draft)).as("the draft as saved: %s", draft.graph()).isTrue();
        return draft;
    }
}
