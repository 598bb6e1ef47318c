package dev.weft.publish.auth;

import dev.weft.publish.settings.PublishSettings;

/** Who calls the Service API: the app that the presented key opens, that key, and the app's settings. */
public record ServiceCaller(String appId, String keyId, PublishSettings settings) {}
