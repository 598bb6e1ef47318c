/**
 * Dify's Knowledge (dataset) Service API under {@code /v1/datasets}, authenticated by workspace-wide dataset keys
 * ({@code Bearer dataset-…}): knowledge bases, their documents (by text or file), chunks ("segments"), retrieval and
 * metadata fields, with Dify's paths, JSON shapes and error envelope, on top of {@link dev.weft.knowledge.dataset}.
 */
package dev.weft.api.dataset;
