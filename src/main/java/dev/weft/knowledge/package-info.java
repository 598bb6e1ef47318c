/**
 * Knowledge bases: ingest ({@code extract}, {@code web}), clean and split ({@code chunk}), embed ({@code embed}),
 * index in Lucene ({@code index}), retrieve ({@code retrieve}); datasets, documents, chunks and indexing jobs
 * ({@code dataset}, {@code job}).
 */
package dev.weft.knowledge;
