/**
 * Web imports: one page or a crawl into a dataset, run in the background, its progress kept in the database
 * ({@code kb_web_import}) so that it survives a restart; an import a stop or crash cut short is marked interrupted and
 * can be started again without adding the pages it already imported twice.
 */
package dev.weft.knowledge.webimport;
