package dev.weft.engine.node.ifelse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.engine.variable.Values;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every Dify operator, with values written as JSON: true and false cases for text, numbers, booleans and lists. */
class ConditionEvaluatorTest {

    @ParameterizedTest(name = "{1} ''{0}'' {2} -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            contains     | "hello world"   | "world"        | true
            contains     | "hello world"   | "moon"         | false
            contains     | ["a","b"]       | "b"            | true
            contains     | ["a","b"]       | "c"            | false
            contains     | [1,2,3]         | "2"            | true
            contains     | ""              | "x"            | false
            not contains | "hello world"   | "moon"         | true
            not contains | "hello world"   | "world"        | false
            not contains | ["a","b"]       | "a"            | false
            not contains | null            | "a"            | true
            start with   | "hello"         | "he"           | true
            start with   | "hello"         | "lo"           | false
            end with     | "hello"         | "lo"           | true
            end with     | "hello"         | "he"           | false
            is           | "abc"           | "abc"          | true
            is           | "abc"           | "abd"          | false
            is           | true            | "true"         | true
            is           | false           | "true"         | false
            is           | null            | "abc"          | false
            is not       | "abc"           | "abd"          | true
            is not       | "abc"           | "abc"          | false
            is not       | true            | "false"        | true
            empty        | ""              | null           | true
            empty        | []              | null           | true
            empty        | null            | null           | true
            empty        | 0               | null           | true
            empty        | "x"             | null           | false
            empty        | ["x"]           | null           | false
            not empty    | "x"             | null           | true
            not empty    | {}              | null           | false
            in           | "b"             | ["a","b"]      | true
            in           | "c"             | ["a","b"]      | false
            in           | 2               | ["1","2"]      | true
            not in       | "c"             | ["a","b"]      | true
            not in       | "a"             | ["a","b"]      | false
            all of       | ["a","b","c"]   | ["a","c"]      | true
            all of       | ["a","b"]       | ["a","z"]      | false
            all of       | "abc"           | ["a","c"]      | true
            =            | 3               | "3"            | true
            =            | 3.5             | "3.50"         | true
            =            | 3               | "4"            | false
            =            | true            | "true"         | true
            =            | false           | "1"            | false
            =            | "10"            | "10.0"         | true
            ≠            | 3               | "4"            | true
            ≠            | 3               | "3.0"          | false
            >            | 10              | "9"            | true
            >            | 9               | "10"           | false
            >            | 2.5             | "2.25"         | true
            <            | 9               | "10"           | true
            <            | 10              | "9"            | false
            ≥            | 10              | "10"           | true
            ≥            | 9.99            | "10"           | false
            ≤            | 10              | "10"           | true
            ≤            | 11              | "10"           | false
            >            | null            | "1"            | false
            null         | null            | null           | true
            null         | ""              | null           | false
            not null     | ""              | null           | true
            not null     | null            | null           | false
            exists       | 0               | null           | true
            exists       | null            | null           | false
            not exists   | null            | null           | true
            not exists   | "x"             | null           | false
            """)
    void operator(String operator, String actualJson, String expectedJson, boolean result) {
        Object actual = Values.JSON.readValue(actualJson, Object.class);
        Object expected = Values.JSON.readValue(expectedJson, Object.class);
        if (actual instanceof Boolean) {
            expected = expected instanceof List<?> l ? l.stream().map(ConditionEvaluator::toBool).toList() : ConditionEvaluator.toBool(expected);
        }
        assertThat(ConditionEvaluator.compare(operator, actual, expected)).isEqualTo(result);
    }

    @Test
    void every_operator_is_handled_for_a_missing_value() {
        assertThat(ConditionEvaluator.OPERATORS).hasSize(21);
        for (String op : ConditionEvaluator.OPERATORS) {
            boolean expectedTrue = List.of("not contains", "empty", "null", "not exists", "not in").contains(op);
            assertThat(ConditionEvaluator.compare(op, null, List.of("x"))).as(op).isEqualTo(expectedTrue);
        }
    }

    @Test
    void wrong_types_are_named() {
        assertThatThrownBy(() -> ConditionEvaluator.compare(">", "abc", "1")).hasMessageContaining("needs a number");
        assertThatThrownBy(() -> ConditionEvaluator.compare(">", 1, "abc")).hasMessageContaining("'abc' is not a number");
        assertThatThrownBy(() -> ConditionEvaluator.compare("start with", List.of("a"), "a")).hasMessageContaining("needs text");
        assertThatThrownBy(() -> ConditionEvaluator.compare("in", "a", "a")).hasMessageContaining("needs a list");
        assertThatThrownBy(() -> ConditionEvaluator.compare("like", "a", "a")).hasMessageContaining("unknown comparison operator 'like'");
    }
}
