package dev.weft.knowledge.index;

import static dev.weft.knowledge.index.DatasetIndexTest.chunk;
import static dev.weft.knowledge.index.DatasetIndexTest.vec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.knowledge.retrieve.MetadataCondition;
import dev.weft.knowledge.retrieve.MetadataFilter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every operator of {@link MetadataCondition}, through both searches of a real index. */
class MetadataFilterSearchTest {

    @TempDir
    static Path dir;

    private static DatasetIndex index;

    @BeforeAll
    static void build() {
        index = DatasetIndex.open(dir);
        index.upsert(List.of(
                chunk("c1", "d1", "report text", vec(1, 0, 0), Map.of(
                        "author", "alice", "year", "2019", "published", "2019-03-01", "title", "Annual report 2019", "status", "")),
                chunk("c2", "d2", "report text", vec(0.9, 0.1, 0), Map.of(
                        "author", "bob", "year", "2021", "published", "2021-06-15T12:00:00Z", "title", "Quarterly summary")),
                chunk("c3", "d3", "report text", vec(0.8, 0.2, 0), Map.of(
                        "author", "carol", "year", "2023.5", "published", "1672531200", "title", "Report: 50% off*")),
                chunk("c4", "d4", "report text", vec(0.7, 0.3, 0), Map.of("author", "alice smith", "status", "draft")),
                chunk("c5", "d5", "report text", vec(0.6, 0.4, 0))));
    }

    @AfterAll
    static void close() {
        index.close();
    }

    private static List<String> vectorSearch(MetadataFilter filter) {
        return index.searchVector(vec(1, 0, 0), 10, filter).stream().map(h -> h.chunk().chunkId()).sorted().toList();
    }

    private static List<String> textSearch(MetadataFilter filter) {
        return index.searchText("report", 10, filter).stream().map(h -> h.chunk().chunkId()).sorted().toList();
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "author | is           | alice                | c1",
            "author | is not       | alice                | c2 c3 c4",
            "author | contains     | lic                  | c1 c4",
            "author | not contains | lic                  | c2 c3",
            "author | start with   | alice                | c1 c4",
            "author | end with     | smith                | c4",
            "title  | contains     | 50% off*             | c3",
            "title  | end with     | *                    | c3",
            "author | in           | bob, carol ,dave     | c2 c3",
            "author | not in       | bob,carol            | c1 c4",
            "status | empty        | NULL                 | c1 c2 c3 c5",
            "status | not empty    | NULL                 | c4",
            "year   | =            | 2019                 | c1",
            "year   | =            | 2019.0               | c1",
            "year   | ≠            | 2019                 | c2 c3",
            "year   | !=           | 2019                 | c2 c3",
            "year   | >            | 2021                 | c3",
            "year   | ≥            | 2021                 | c2 c3",
            "year   | >=           | 2021                 | c2 c3",
            "year   | <            | 2021                 | c1",
            "year   | ≤            | 2021                 | c1 c2",
            "year   | <=           | 2023.5               | c1 c2 c3",
            "published | before    | 2021-06-15T12:00:00Z | c1",
            "published | before    | 2021-06-16           | c1 c2",
            "published | after     | 2021-06-15           | c2 c3",
            "published | after     | 2022-12-31T23:59:59  | c3",
            "published | after     | 1600000000           | c2 c3",
            "published | before    | 2019-03-01           | ''",
    })
    void eachOperatorSelectsTheExpectedChunks(String name, String operator, String value, String expected) {
        MetadataFilter filter = new MetadataFilter("and", List.of(new MetadataCondition(name, operator, value)));
        List<String> want = expected.isBlank() ? List.of() : List.of(expected.trim().split(" "));

        assertThat(vectorSearch(filter)).isEqualTo(want);
        assertThat(textSearch(filter)).isEqualTo(want);
    }

    @Test
    void conditionsJoinWithAndOrOr() {
        MetadataCondition alice = new MetadataCondition("author", "start with", "alice");
        MetadataCondition recent = new MetadataCondition("year", ">", "2020");
        MetadataCondition draft = new MetadataCondition("status", "is", "draft");

        assertThat(vectorSearch(new MetadataFilter("and", List.of(alice, draft)))).containsExactly("c4");
        assertThat(vectorSearch(new MetadataFilter("or", List.of(alice, recent)))).containsExactly("c1", "c2", "c3", "c4");
        assertThat(vectorSearch(new MetadataFilter("and", List.of(alice, recent)))).isEmpty();
        assertThat(vectorSearch(new MetadataFilter("or", List.of()))).containsExactly("c1", "c2", "c3", "c4", "c5");
    }

    @Test
    void malformedConditionsSayWhatIsWrong() {
        assertThatThrownBy(() -> vectorSearch(new MetadataFilter("and", List.of(new MetadataCondition("year", ">", "soon")))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'soon' is not a number");
        assertThatThrownBy(() -> vectorSearch(new MetadataFilter("and", List.of(new MetadataCondition("year", "like", "2")))))
                .hasMessageContaining("unknown metadata filter operator 'like'").hasMessageContaining("not contains");
        assertThatThrownBy(() -> vectorSearch(new MetadataFilter("and", List.of(new MetadataCondition("published", "before", "May")))))
                .hasMessageContaining("neither an ISO date");
        assertThatThrownBy(() -> vectorSearch(new MetadataFilter("and", List.of(new MetadataCondition("author", "is", null)))))
                .hasMessageContaining("needs a value");
    }
}
