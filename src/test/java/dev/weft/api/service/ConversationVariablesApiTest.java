package dev.weft.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.app.definition.AppMode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /v1/conversations/{id}/variables} and {@code PUT …/variables/{variable_id}} in Dify's shape (dify-reference §3.7). */
class ConversationVariablesApiTest extends ServiceApiTestBase {

    static final String CHATFLOW = """
            {"mode":"advanced-chat",
             "conversationVariables":[
               {"id":"v-count","name":"count","valueType":"number","value":0,"description":"turns so far"},
               {"id":"v-mood","name":"mood","valueType":"string","value":"calm"},
               {"id":"v-tags","name":"tags","valueType":"array[string]","value":[]}],
             "graph":{"nodes":[
               {"id":"start","data":{"type":"start","title":"Start","variables":[]}},
               {"id":"count","data":{"type":"assigner","title":"Count","version":"2",
                 "items":[{"variable_selector":["conversation","count"],"input_type":"constant","operation":"+=","value":1}]}},
               {"id":"answer","data":{"type":"answer","title":"Answer","answer":"{{#conversation.count#}} {{#conversation.mood#}}"}}],
              "edges":[{"source":"start","target":"count"},{"source":"count","target":"answer"}]}}
            """;

    @Test
    void variablesListInDifysShapeWithTheConversationsValuesAndPageByLastId() {
        String key = key(publishedApp(AppMode.ADVANCED_CHAT, CHATFLOW));
        JsonNode turn = post(key, "/v1/chat-messages", body("query", "hi", "inputs", Map.of(), "user", "cv-1")).json();
        assertThat(turn.get("answer").asString()).isEqualTo("1 calm");
        String conversation = turn.get("conversation_id").asString();

        Response r = get(key, "/v1/conversations/" + conversation + "/variables?user=cv-1");
        assertThat(r.status()).isEqualTo(200);
        JsonNode page = r.json();
        assertThat(fieldNames(page)).containsExactly("limit", "has_more", "data");
        assertThat(page.get("has_more").asBoolean()).isFalse();
        JsonNode count = page.get("data").get(0);
        assertThat(fieldNames(count)).containsExactly("id", "name", "value_type", "value", "description", "created_at", "updated_at");
        assertThat(count.get("id").asString()).isEqualTo("v-count");
        assertThat(count.get("value_type").asString()).isEqualTo("number");
        assertThat(count.get("value").isString()).as("values are string-encoded").isTrue();
        assertThat(count.get("value").asString()).isEqualTo("1");
        assertThat(count.get("description").asString()).isEqualTo("turns so far");
        assertThat(page.get("data").get(1).get("value").asString()).isEqualTo("calm");
        assertThat(page.get("data").get(2).get("value").asString()).isEqualTo("[]");

        JsonNode first = get(key, "/v1/conversations/" + conversation + "/variables?user=cv-1&limit=1").json();
        assertThat(first.get("has_more").asBoolean()).isTrue();
        assertThat(first.get("data")).hasSize(1);
        JsonNode next = get(key, "/v1/conversations/" + conversation + "/variables?user=cv-1&limit=1&last_id=v-count").json();
        assertThat(next.get("data").get(0).get("name").asString()).isEqualTo("mood");
        assertThat(next.get("has_more").asBoolean()).isTrue();
        JsonNode named = get(key, "/v1/conversations/" + conversation + "/variables?user=cv-1&variable_name=tag").json();
        assertThat(named.get("data")).singleElement().satisfies(v -> assertThat(v.get("name").asString()).isEqualTo("tags"));

        Response badCursor = get(key, "/v1/conversations/" + conversation + "/variables?user=cv-1&last_id=nope");
        assertThat(badCursor.status()).isEqualTo(404);
        assertThat(fieldNames(badCursor.json())).contains("code", "message", "status");
        Response otherUser = get(key, "/v1/conversations/" + conversation + "/variables?user=someone-else");
        assertThat(otherUser.status()).isEqualTo(404);
        assertThat(otherUser.json().get("code").asString()).isEqualTo("not_found");
    }

    @Test
    void aVariableIsSetByPutAndTheNextTurnReadsIt() {
        String key = key(publishedApp(AppMode.ADVANCED_CHAT, CHATFLOW));
        String conversation = post(key, "/v1/chat-messages", body("query", "hi", "inputs", Map.of(), "user", "cv-2"))
                .json().get("conversation_id").asString();

        Response put = send(key, "PUT", "/v1/conversations/" + conversation + "/variables/v-mood", "application/json",
                "{\"value\":\"cheerful\",\"user\":\"cv-2\"}");
        assertThat(put.status()).isEqualTo(200);
        assertThat(fieldNames(put.json())).containsExactly("id", "name", "value_type", "value", "description", "created_at", "updated_at");
        assertThat(put.json().get("value").asString()).isEqualTo("cheerful");
        Response tags = send(key, "PUT", "/v1/conversations/" + conversation + "/variables/v-tags", "application/json",
                "{\"value\":[\"a\",\"b\"],\"user\":\"cv-2\"}");
        assertThat(tags.json().get("value").asString()).isEqualTo("[\"a\",\"b\"]");

        JsonNode again = post(key, "/v1/chat-messages", body("query", "again", "inputs", Map.of(), "user", "cv-2",
                "conversation_id", conversation)).json();
        assertThat(again.get("answer").asString()).isEqualTo("2 cheerful");

        Response mismatch = send(key, "PUT", "/v1/conversations/" + conversation + "/variables/v-count", "application/json",
                "{\"value\":\"many\",\"user\":\"cv-2\"}");
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.json().get("code").asString()).isEqualTo("bad_request");
        assertThat(mismatch.json().get("status").asInt()).isEqualTo(400);
        Response unknown = send(key, "PUT", "/v1/conversations/" + conversation + "/variables/v-none", "application/json",
                "{\"value\":1,\"user\":\"cv-2\"}");
        assertThat(unknown.status()).isEqualTo(404);
        Response stranger = send(key, "PUT", "/v1/conversations/" + conversation + "/variables/v-mood", "application/json",
                "{\"value\":\"sad\",\"user\":\"cv-3\"}");
        assertThat(stranger.status()).isEqualTo(404);
        assertThat(get(key, "/v1/conversations/" + conversation + "/variables?user=cv-2&variable_name=mood").json()
                .get("data").get(0).get("value").asString()).isEqualTo("cheerful");
    }
}
