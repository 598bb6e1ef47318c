package dev.weft.engine.node.knowledgeretrieval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.knowledge.retrieve.MetadataCondition;
import dev.weft.model.TokenUsage;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AutomaticMetadataFilterTest {

    private static final Set<String> FIELDS = Set.of("year", "department", "document_name");

    @Test
    void readsTheConditionsTheModelAnswers() {
        AutomaticMetadataFilter.Result r = AutomaticMetadataFilter.parse("""
                {"metadata_map": [
                  {"metadata_field_name": "year", "metadata_field_value": "2023", "comparison_operator": "="},
                  {"metadata_field_name": "department", "metadata_field_value": ["finance", "legal"], "comparison_operator": "in"}]}
                """, FIELDS, new TokenUsage(10, 5, 15));

        assertThat(r.filter().logicalOperator()).isEqualTo("and");
        assertThat(r.filter().conditions()).containsExactly(new MetadataCondition("year", "=", "2023"),
                new MetadataCondition("department", "in", "finance,legal"));
        assertThat(r.note()).isNull();
        assertThat(r.usage().totalTokens()).isEqualTo(15);
    }

    @Test
    void toleratesCodeFencesAndTextAroundTheJson() {
        AutomaticMetadataFilter.Result r = AutomaticMetadataFilter.parse("""
                Here you go:
                ```json
                {"metadata_map": [{"metadata_field_name": "year", "metadata_field_value": 2024, "comparison_operator": "≥"}]}
                ```""", FIELDS, TokenUsage.NONE);

        assertThat(r.filter().conditions()).containsExactly(new MetadataCondition("year", "≥", "2024"));
    }

    @Test
    void dropsInventedFieldsUnknownOperatorsAndEmptyValues() {
        AutomaticMetadataFilter.Result r = AutomaticMetadataFilter.parse("""
                {"metadata_map": [
                  {"metadata_field_name": "author", "metadata_field_value": "Ann", "comparison_operator": "is"},
                  {"metadata_field_name": "year", "metadata_field_value": "2023", "comparison_operator": "roughly"},
                  {"metadata_field_name": "department", "metadata_field_value": "", "comparison_operator": "is"},
                  {"metadata_field_name": "department", "metadata_field_value": "hr", "comparison_operator": "is"}]}
                """, FIELDS, TokenUsage.NONE);

        assertThat(r.filter().conditions()).containsExactly(new MetadataCondition("department", "is", "hr"));
        assertThat(r.note()).contains("author is Ann").contains("year roughly 2023");
    }

    @Test
    void anAnswerThatIsNotTheJsonSearchesWithoutAFilterAndSaysWhy() {
        assertThat(AutomaticMetadataFilter.parse("I cannot help with that.", FIELDS, TokenUsage.NONE))
                .satisfies(r -> {
                    assertThat(r.filter().conditions()).isEmpty();
                    assertThat(r.note()).contains("no JSON object");
                });
        assertThat(AutomaticMetadataFilter.parse("{\"metadata_map\": [ {\"metadata_field_name\": ", FIELDS, TokenUsage.NONE)
                .note()).contains("no JSON object");
        assertThat(AutomaticMetadataFilter.parse("{\"filters\": []}", FIELDS, TokenUsage.NONE).note())
                .contains("no metadata_map array");
        assertThat(AutomaticMetadataFilter.parse("{\"metadata_map\": []}", FIELDS, TokenUsage.NONE))
                .satisfies(r -> {
                    assertThat(r.filter().conditions()).isEmpty();
                    assertThat(r.note()).contains("names no metadata");
                });
        assertThat(AutomaticMetadataFilter.parse("{\"metadata_map\": [}", FIELDS, TokenUsage.NONE).note())
                .contains("not valid JSON");
    }
}
