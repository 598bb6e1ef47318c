package dev.weft.api.service;

import dev.weft.engine.event.RunEvent;
import dev.weft.engine.event.RunListener;

/**
 * The answer text of a run as its chunks arrive. The engine keeps the answer itself for chat apps only; a text
 * generator's answer is what its Answer node streamed.
 */
final class AnswerCollector implements RunListener {

    private final StringBuilder text = new StringBuilder();

    @Override
    public void onEvent(RunEvent event) {
        if (event instanceof RunEvent.TextChunk chunk) {
            synchronized (text) {
                text.append(chunk.text());
            }
        }
    }

    String text() {
        synchronized (text) {
            return text.toString();
        }
    }
}
