package dev.weft.api.sse;

import dev.weft.engine.EngineProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets streamed responses live as long as a run may: the servlet container's default async timeout
 * (30 s in Tomcat) would cut a long run's event stream. The limit is the engine's run limit plus a minute.
 */
@Configuration
class StreamingConfig implements WebMvcConfigurer {

    private final EngineProperties engine;

    StreamingConfig(EngineProperties engine) {
        this.engine = engine;
    }

    @Override
    public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
        configurer.setDefaultTimeout(engine.runTimeout().plusMinutes(1).toMillis());
    }
}
