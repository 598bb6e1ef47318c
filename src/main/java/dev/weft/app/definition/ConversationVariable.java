package dev.weft.app.definition;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A variable that lives as long as a conversation, readable as {@code {{#conversation.name#}}} and written
 * by the assigner node. {@code valueType}: string, number, object, boolean, array[string], array[number],
 * array[object], array[boolean].
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversationVariable(String id, String name, String valueType, Object value, String description) {}
