package dev.weft.model.local;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaIterator;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.LlamaOutput;
import dev.weft.model.ChatMessage;
import dev.weft.model.ChatModel;
import dev.weft.model.ChatRequest;
import dev.weft.model.ChatResponse;
import dev.weft.model.ModelException;
import dev.weft.model.TokenUsage;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A GGUF model run in this process by llama.cpp. The prompt is built with the model's own chat template (from the
 * file's {@code tokenizer.chat_template}, rendered by llama.cpp) or, when the file has none, with ChatML. Tokens
 * stream to the callback as llama.cpp produces them; an interrupt cancels the generation. A JSON schema becomes a
 * llama.cpp grammar, so the answer follows it. Usage: the prompt's tokens as the model's tokenizer counts them, and
 * one completion token per generated piece. Tool calls are not supported here (the request is refused).
 */
public final class LocalGgufChatModel implements ChatModel {

    static final String IM_START = "<|im_start|>";
    static final String IM_END = "<|im_end|>";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LocalModels models;
    private final String owner;
    private final LocalGgufSettings settings;

    /** {@code owner} is the provider id the loaded model is kept under (and unloaded with). */
    public LocalGgufChatModel(LocalModels models, String owner, LocalGgufSettings settings) {
        this.models = models;
        this.owner = owner;
        this.settings = settings;
    }

    @Override
    public ChatResponse chat(ChatRequest request, Consumer<String> onToken) throws ModelException {
        String target = "the local model " + settings.path().getFileName();
        if (!request.tools().isEmpty()) {
            throw new ModelException(target + " cannot call tools in Weft; use a provider with tool calling"
                    + " (OpenAI, Anthropic, Gemini, Mistral, Ollama) for nodes that give the model tools", 0);
        }
        LocalModels.Loaded loaded = models.lease(owner, settings);
        try {
            return generate(loaded, request, onToken, target);
        } finally {
            loaded.release();
        }
    }

    private ChatResponse generate(LocalModels.Loaded loaded, ChatRequest request, Consumer<String> onToken, String target) {
        LlamaModel model = loaded.model();
        boolean chatMl = loaded.file().chatTemplate() == null;
        String prompt;
        try {
            prompt = chatMl ? chatMl(request.messages()) : model.applyTemplate(templateInput(request.messages()));
        } catch (RuntimeException e) { // llama.cpp's LlamaException is not public
            throw new ModelException(target + " could not apply its chat template: " + e.getMessage(), e);
        }
        int maxTokens = request.parameters().get("max_tokens") instanceof Number n && n.intValue() > 0 ? n.intValue() : settings.maxTokens();
        InferenceParameters parameters = new InferenceParameters(prompt).setNPredict(maxTokens).setCachePrompt(true);
        if (request.parameters().get("temperature") instanceof Number n) {
            parameters.setTemperature(n.floatValue());
        }
        if (request.parameters().get("top_p") instanceof Number n) {
            parameters.setTopP(n.floatValue());
        }
        if (request.parameters().get("presence_penalty") instanceof Number n) {
            parameters.setPresencePenalty(n.floatValue());
        }
        if (request.parameters().get("frequency_penalty") instanceof Number n) {
            parameters.setFrequencyPenalty(n.floatValue());
        }
        if (request.parameters().get("seed") instanceof Number n) {
            parameters.setSeed(n.intValue());
        }
        List<String> stops = new java.util.ArrayList<>();
        if (chatMl) {
            stops.add(IM_END);
        }
        Object stop = request.parameters().get("stop");
        if (stop instanceof List<?> list) {
            list.forEach(s -> stops.add(String.valueOf(s)));
        } else if (stop instanceof String s && !s.isBlank()) {
            stops.add(s);
        }
        if (!stops.isEmpty()) {
            parameters.setStopStrings(stops.toArray(String[]::new));
        }
        if (request.jsonSchema() != null) {
            parameters.setGrammar(LlamaModel.jsonSchemaToGrammar(JSON.writeValueAsString(request.bareJsonSchema())));
        }
        long promptTokens = model.encode(prompt).length;
        if (promptTokens >= settings.contextSize()) {
            throw new ModelException("the prompt has " + promptTokens + " tokens, more than the context size " + settings.contextSize()
                    + " of " + target + "; raise the provider's context size or send less", 400);
        }
        StringBuilder text = new StringBuilder();
        long pieces = 0;
        LlamaIterator it = model.generate(parameters).iterator();
        try {
            while (it.hasNext()) {
                if (Thread.currentThread().isInterrupted()) {
                    it.cancel();
                    throw new CancellationException("the call to " + target + " was interrupted");
                }
                LlamaOutput out = it.next();
                if (out.text == null || out.text.isEmpty()) {
                    continue;
                }
                pieces++;
                text.append(out.text);
                if (onToken != null) {
                    onToken.accept(out.text);
                }
            }
        } catch (CancellationException | ModelException e) {
            throw e;
        } catch (RuntimeException e) { // LlamaException
            it.cancel();
            throw new ModelException(target + " failed while generating: " + e.getMessage(), e);
        }
        String whole = text.toString();
        if (chatMl && whole.endsWith(IM_END)) {
            whole = whole.substring(0, whole.length() - IM_END.length());
        }
        String finish = pieces >= maxTokens ? "length" : "stop";
        return new ChatResponse(whole, new TokenUsage(promptTokens, pieces, promptTokens + pieces), finish);
    }

    /** ChatML, the fallback when a GGUF file carries no template: each turn in {@code <|im_start|>role ... <|im_end|>}. */
    static String chatMl(List<ChatMessage> messages) {
        StringBuilder prompt = new StringBuilder();
        for (ChatMessage m : messages) {
            prompt.append(IM_START).append(m.role()).append('\n').append(m.content() == null ? "" : m.content()).append(IM_END).append('\n');
        }
        return prompt.append(IM_START).append("assistant\n").toString();
    }

    /** The {@code messages} JSON llama.cpp's template renderer reads. */
    static String templateInput(List<ChatMessage> messages) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("messages");
        for (ChatMessage m : messages) {
            list.addObject().put("role", m.role()).put("content", m.content() == null ? "" : m.content());
        }
        return JSON.writeValueAsString(root);
    }
}
