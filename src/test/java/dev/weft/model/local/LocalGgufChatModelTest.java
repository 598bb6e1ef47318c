package dev.weft.model.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.model.ChatMessage;
import dev.weft.model.ChatRequest;
import dev.weft.model.ChatResponse;
import dev.weft.model.ModelException;
import dev.weft.model.ToolSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny random-weight llama model, written by the test, loads in llama.cpp and streams (nonsense) tokens. */
class LocalGgufChatModelTest {

    @TempDir static Path dir;
    static Path model;
    static final LocalModels models = new LocalModels();

    @BeforeAll
    static void writeModel() throws Exception {
        model = TinyLlamaGguf.write(dir.resolve("tiny-llama.gguf"), 7);
    }

    @AfterAll
    static void unload() {
        models.close();
    }

    private static LocalGgufSettings settings(Path path) {
        return new LocalGgufSettings(path, 256, 2, 0, 16);
    }

    private static ChatRequest hello(Map<String, Object> parameters) {
        return new ChatRequest(null, List.of(ChatMessage.system("Be brief."), ChatMessage.user("say the word hot")), parameters, null);
    }

    @Test
    void theHeaderIsReadAndChecked() {
        GgufFile file = GgufFile.read(model);

        assertThat(file.version()).isEqualTo(3);
        assertThat(file.architecture()).isEqualTo("llama");
        assertThat(file.name()).isEqualTo("weft-tiny-random-llama");
        assertThat(file.contextLength()).isEqualTo(TinyLlamaGguf.CONTEXT);
        assertThat(file.tensorCount()).isEqualTo(3 + 9L * TinyLlamaGguf.LAYERS);
        assertThat(file.chatTemplate()).isNull();
    }

    @Test
    void aWrittenModelStreamsTokensWithUsage() {
        LocalGgufChatModel chat = new LocalGgufChatModel(models, "p1", settings(model));
        List<String> streamed = new ArrayList<>();

        ChatResponse response = chat.chat(hello(Map.of("temperature", 0, "seed", 1)), streamed::add);

        assertThat(streamed).isNotEmpty();
        assertThat(response.text()).isEqualTo(String.join("", streamed));
        assertThat(response.usage().promptTokens()).isGreaterThan(10);
        assertThat(response.usage().completionTokens()).isEqualTo(streamed.size());
        assertThat(response.usage().totalTokens()).isEqualTo(response.usage().promptTokens() + streamed.size());
        assertThat(models.loadedCount()).isEqualTo(1);

        ChatResponse blocking = chat.chat(hello(Map.of("temperature", 0, "seed", 1, "max_tokens", 4)));
        assertThat(blocking.usage().completionTokens()).isBetween(1L, 4L);
        assertThat(models.loadedCount()).as("the model is loaded once and shared").isEqualTo(1);

        models.unload("p1");
        assertThat(models.loadedCount()).isZero();
    }

    @Test
    void aModelUnloadedWhileInUseIsClosedWhenTheLastCallerIsDone() {
        LocalModels own = new LocalModels();
        LocalModels.Loaded leased = own.lease("p4", settings(model));

        own.unload("p4");

        assertThat(leased.isClosed()).as("still in use").isFalse();
        assertThat(own.loadedCount()).isZero();
        leased.release();
        assertThat(leased.isClosed()).isTrue();
        LocalModels.Loaded again = own.lease("p4", settings(model));
        assertThat(again).isNotSameAs(leased);
        again.release();
        own.close();
        assertThat(again.isClosed()).isTrue();
    }

    @Test
    void chatMlIsTheFallbackTemplate() {
        assertThat(LocalGgufChatModel.chatMl(List.of(ChatMessage.system("S"), ChatMessage.user("U"))))
                .isEqualTo("<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nU<|im_end|>\n<|im_start|>assistant\n");
    }

    @Test
    void theModelsOwnTemplateIsApplied() throws Exception {
        Path templated = TinyLlamaGguf.writeWithTemplate(dir.resolve("templated.gguf"), 7,
                "{% for m in messages %}[[{{ m.role }}]] {{ m.content }}\n{% endfor %}{% if add_generation_prompt %}[[assistant]]{% endif %}");
        assertThat(GgufFile.read(templated).chatTemplate()).startsWith("{% for m in messages %}");
        LocalModels own = new LocalModels();
        try {
            var loaded = own.get("p2", settings(templated));
            String prompt = loaded.model().applyTemplate(LocalGgufChatModel.templateInput(
                    List.of(ChatMessage.system("S"), ChatMessage.user("U"))));
            assertThat(prompt).contains("[[system]] S").contains("[[user]] U");
            List<String> streamed = new ArrayList<>();
            new LocalGgufChatModel(own, "p2", settings(templated)).chat(hello(Map.of("temperature", 0)), streamed::add);
            assertThat(streamed).isNotEmpty();
        } finally {
            own.close();
        }
    }

    @Test
    void badFilesGetClearErrors() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.gguf"), "hello, not a model", StandardCharsets.UTF_8);
        Path missing = dir.resolve("missing.gguf");

        assertThatThrownBy(() -> GgufFile.read(missing)).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> GgufFile.read(dir)).hasMessageContaining("is not a file");
        assertThatThrownBy(() -> GgufFile.read(text)).hasMessageContaining("is not a GGUF model")
                .hasMessageContaining("does not start with the GGUF magic bytes");
        assertThatThrownBy(() -> new LocalGgufChatModel(models, "p3", settings(text)).chat(hello(Map.of())))
                .isInstanceOf(ModelException.class).hasMessageContaining("is not a GGUF model");
        assertThatThrownBy(() -> new LocalGgufChatModel(models, "p3", settings(model)).chat(new ChatRequest(null,
                List.of(ChatMessage.user("x")), null, null, List.of(new ToolSpec("lookup", "d", null)))))
                .isInstanceOf(ModelException.class).hasMessageContaining("cannot call tools");
    }
}
