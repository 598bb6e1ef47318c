package dev.weft.knowledge.index;

import static dev.weft.knowledge.index.DatasetIndexTest.chunk;
import static dev.weft.knowledge.index.DatasetIndexTest.vec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.knowledge.retrieve.MetadataFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeIndexesTest {

    @TempDir
    Path root;

    @Test
    void oneSharedIndexPerDatasetInItsOwnDirectory() {
        try (KnowledgeIndexes indexes = new KnowledgeIndexes(root)) {
            DatasetIndex a = indexes.get("ds-a");
            assertThat(indexes.get("ds-a")).isSameAs(a);
            assertThat(indexes.get("ds-b")).isNotSameAs(a);
            assertThat(a.path()).isEqualTo(root.toAbsolutePath().normalize().resolve("ds-a"));

            a.upsert(List.of(chunk("c1", "d1", "hello world", vec(1, 0))));
            a.commit();
            assertThat(indexes.get("ds-b").chunkCount()).isZero();
        }
        try (KnowledgeIndexes reopened = new KnowledgeIndexes(root)) {
            assertThat(reopened.get("ds-a").searchText("hello", 3, MetadataFilter.NONE)).hasSize(1);
        }
    }

    @Test
    void droppingDeletesTheIndexAndAFreshOneStartsEmpty() {
        try (KnowledgeIndexes indexes = new KnowledgeIndexes(root)) {
            DatasetIndex index = indexes.get("ds");
            index.upsert(List.of(chunk("c1", "d1", "hello world", vec(1, 0))));
            index.commit();

            indexes.drop("ds");

            assertThat(Files.exists(root.resolve("ds"))).isFalse();
            assertThat(indexes.get("ds").chunkCount()).isZero();
            indexes.drop("never-opened");
        }
    }

    @Test
    void idsThatCouldEscapeTheRootAreRefused() {
        try (KnowledgeIndexes indexes = new KnowledgeIndexes(root)) {
            for (String bad : new String[] {"../x", "a/b", "", ".hidden", "a..b"}) {
                assertThatThrownBy(() -> indexes.get(bad)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("not a valid dataset id");
            }
        }
    }
}
