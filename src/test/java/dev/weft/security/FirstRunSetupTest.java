package dev.weft.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.support.TestDataDirs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** First run over real HTTP: everything leads to /setup until the owner exists, then to /login. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstRunSetupTest {

    private static final String PASSWORD = "a long enough password";

    @LocalServerPort int port;
    @Autowired AccountService accounts;
    @Autowired JdbcTemplate jdbc;
    @Autowired PasswordEncoder passwordEncoder;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("weft.data-dir", () -> TestDataDirs.create("setup").toString());
    }

    @Test
    @Order(1)
    void beforeSetupEveryPageGoesToTheSetupPage() throws Exception {
        HttpResponse<String> root = get("/", null);
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/setup"));
        assertThat(get("/login", null).headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/setup"));

        HttpResponse<String> setup = get("/setup", null);
        assertThat(setup.statusCode()).isEqualTo(200);
        assertThat(setup.body()).contains("<!doctype html>").containsIgnoringCase("vaadin");
    }

    @Test
    @Order(2)
    void setupRejectsBadInputWithAClearMessage() {
        assertThatThrownBy(() -> accounts.createOwner("Acme", "owner@example.com", "Olga", "short"))
                .hasMessage("the password must have at least 8 characters");
        assertThatThrownBy(() -> accounts.createOwner("Acme", "not-an-email", "Olga", PASSWORD))
                .hasMessage("'not-an-email' is not an email address");
        assertThat(accounts.hasAccounts()).isFalse();
    }

    @Test
    @Order(3)
    void setupCreatesTheOwnerWithAHashedPasswordAndThenPagesNeedALogin() throws Exception {
        Account owner = accounts.createOwner("Acme", "Owner@Example.com", "Olga Owner", PASSWORD);

        assertThat(owner.getEmail()).isEqualTo("owner@example.com");
        assertThat(owner.getRole()).isEqualTo(AccountRole.OWNER);
        String stored = jdbc.queryForObject("select password_hash from account where id = ?", String.class, owner.getId());
        assertThat(stored).doesNotContain(PASSWORD).startsWith("$2");
        assertThat(passwordEncoder.matches(PASSWORD, stored)).isTrue();
        assertThat(jdbc.queryForObject("select name from workspace where id = ?", String.class, owner.getWorkspaceId()))
                .isEqualTo("Acme");

        HttpResponse<String> root = get("/", null);
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(get("/login", null).statusCode()).isEqualTo(200);
        assertThat(get("/setup", null).statusCode()).isNotEqualTo(302);
        HttpResponse<String> icon = get("/favicon.ico", null);
        assertThat(icon.statusCode()).as("the login page's icon loads before login").isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("icon"));
    }

    @Test
    @Order(4)
    void setupCannotRunTwice() {
        assertThatThrownBy(
                        () -> accounts.createOwner("Other", "mallory@example.com", "Mallory", "another password"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already done");
    }

    @Test
    @Order(5)
    void consoleApiNeedsACredentialAndThePublicApiAnAppKey() throws Exception {
        assertThat(get("/api/apps", null).statusCode()).isEqualTo(401);
        String basic = "Basic " + Base64.getEncoder()
                .encodeToString(("owner@example.com:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertThat(get("/api/apps", basic).statusCode()).isNotIn(401, 403);
        assertThat(get("/api/apps", "Basic " + Base64.getEncoder()
                .encodeToString("owner@example.com:wrong".getBytes(StandardCharsets.UTF_8))).statusCode()).isEqualTo(401);
        HttpResponse<String> publicApi = get("/v1/parameters", null);
        assertThat(publicApi.statusCode()).as("the Service API answers in Dify's envelope, never with a login page").isEqualTo(401);
        assertThat(publicApi.body()).contains("\"code\":\"unauthorized\"");
        assertThat(get("/v1/parameters", basic).statusCode()).as("a console login does not open the Service API").isEqualTo(401);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/html,application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
