package dev.weft.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code weft.security.outbound}. {@code allow} lists host names, IP addresses and CIDR blocks
 * (such as {@code 10.0.0.0/8} or {@code fd12::/16}) that outbound requests may reach although they are private.
 */
@ConfigurationProperties("weft.security.outbound")
public record OutboundProperties(List<String> allow) {

    /** The setting a person changes to admit a refused address. */
    public static final String ALLOW_SETTING = "weft.security.outbound.allow";

    public OutboundProperties {
        allow = allow == null ? List.of() : List.copyOf(allow);
    }
}
