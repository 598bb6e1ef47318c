package dev.weft.knowledge.index;

import dev.weft.knowledge.retrieve.MetadataCondition;
import dev.weft.knowledge.retrieve.MetadataFilter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexOrDocValuesQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;

/**
 * Turns a {@link MetadataFilter} into a Lucene filter query, one clause per condition joined by {@code and}
 * ({@code FILTER}) or {@code or} ({@code SHOULD}, at least one).
 *
 * <p>Operators, as Dify names them (ASCII spellings {@code !=}, {@code >=}, {@code <=}, {@code starts with} and
 * {@code ends with} are accepted too):
 * <ul>
 *   <li>text, case-sensitive on the exact value: {@code is}, {@code is not}, {@code contains}, {@code not contains},
 *       {@code start with}, {@code end with}, {@code in}, {@code not in} (the operand is a comma-separated list);
 *   <li>{@code empty} (the key is missing or its value is "") and {@code not empty};
 *   <li>numbers: {@code =}, {@code ≠}, {@code >}, {@code <}, {@code ≥}, {@code ≤} against values that parse as numbers;
 *   <li>times: {@code before}, {@code after} (strictly) against values that parse as ISO dates/date-times, or as
 *       numbers taken as epoch seconds; the operand may be either form.
 * </ul>
 * As in Dify's SQL, a negative condition ({@code is not}, {@code not contains}, {@code not in}, {@code ≠}) matches
 * only chunks that have the key. A malformed condition (unknown operator, missing key, a non-number for a numeric
 * operator) throws {@link IllegalArgumentException} saying which.
 */
public final class MetadataQueries {

    /** The operators, in Dify's spelling. */
    public static final List<String> OPERATORS = List.of("contains", "not contains", "start with", "end with", "is", "is not",
            "empty", "not empty", "in", "not in", "=", "≠", ">", "<", "≥", "≤", "before", "after");

    private MetadataQueries() {}

    /** The filter query, or null when the filter has no conditions. */
    public static Query toQuery(MetadataFilter filter) {
        if (filter == null || filter.conditions().isEmpty()) {
            return null;
        }
        boolean or = "or".equals(filter.logicalOperator());
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (MetadataCondition condition : filter.conditions()) {
            b.add(condition(condition), or ? Occur.SHOULD : Occur.FILTER);
        }
        if (or) {
            b.setMinimumNumberShouldMatch(1);
        }
        return b.build();
    }

    static Query condition(MetadataCondition c) {
        if (c.name() == null || c.name().isBlank()) {
            throw new IllegalArgumentException("a metadata filter condition has no metadata name");
        }
        String key = c.name();
        String op = normalise(c.comparisonOperator());
        String value = c.value();
        return switch (op) {
            case "is" -> keyword(key, text(c, value));
            case "is not" -> present(key, keyword(key, text(c, value)));
            case "contains" -> new WildcardQuery(new Term(ChunkDocuments.keywordField(key), "*" + escape(text(c, value)) + "*"));
            case "not contains" -> present(key, new WildcardQuery(new Term(ChunkDocuments.keywordField(key), "*" + escape(text(c, value)) + "*")));
            case "start with" -> new PrefixQuery(new Term(ChunkDocuments.keywordField(key), text(c, value)));
            case "end with" -> new WildcardQuery(new Term(ChunkDocuments.keywordField(key), "*" + escape(text(c, value))));
            case "in" -> inSet(key, c, value);
            case "not in" -> present(key, inSet(key, c, value));
            case "empty" -> new BooleanQuery.Builder()
                    .add(absent(key), Occur.SHOULD)
                    .add(keyword(key, ""), Occur.SHOULD)
                    .build();
            case "not empty" -> present(key, keyword(key, ""));
            case "=" -> numberRange(key, number(c, value), number(c, value));
            case "≠" -> present(key, numberRange(key, number(c, value), number(c, value)));
            case ">" -> numberRange(key, Math.nextUp(number(c, value)), Double.POSITIVE_INFINITY);
            case "≥" -> numberRange(key, number(c, value), Double.POSITIVE_INFINITY);
            case "<" -> numberRange(key, Double.NEGATIVE_INFINITY, Math.nextDown(number(c, value)));
            case "≤" -> numberRange(key, Double.NEGATIVE_INFINITY, number(c, value));
            case "before" -> timeRange(key, epochSeconds(c, value), true);
            case "after" -> timeRange(key, epochSeconds(c, value), false);
            default -> throw new IllegalArgumentException("unknown metadata filter operator '" + c.comparisonOperator()
                    + "' (on '" + key + "'); use one of " + String.join(", ", OPERATORS));
        };
    }

    private static String normalise(String operator) {
        String op = Objects.requireNonNullElse(operator, "").strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        return switch (op) {
            case "!=", "<>", "not equal", "≠" -> "≠";
            case ">=", "≥" -> "≥";
            case "<=", "≤" -> "≤";
            case "==", "=" -> "=";
            case "starts with", "start with" -> "start with";
            case "ends with", "end with" -> "end with";
            case "not contain", "not contains", "does not contain" -> "not contains";
            case "is empty" -> "empty";
            case "is not empty" -> "not empty";
            default -> op;
        };
    }

    private static Query keyword(String key, String value) {
        return new TermQuery(new Term(ChunkDocuments.keywordField(key), value));
    }

    /** Chunks that have {@code key} and do not match {@code excluded}. */
    private static Query present(String key, Query excluded) {
        return new BooleanQuery.Builder()
                .add(new TermQuery(new Term(ChunkDocuments.META_KEYS, key)), Occur.FILTER)
                .add(excluded, Occur.MUST_NOT)
                .build();
    }

    private static Query absent(String key) {
        return new BooleanQuery.Builder()
                .add(new MatchAllDocsQuery(), Occur.FILTER)
                .add(new TermQuery(new Term(ChunkDocuments.META_KEYS, key)), Occur.MUST_NOT)
                .build();
    }

    private static Query inSet(String key, MetadataCondition c, String value) {
        List<BytesRef> terms = new ArrayList<>();
        Arrays.stream(text(c, value).split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(s -> terms.add(new BytesRef(s)));
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("metadata filter '" + c.name() + " " + c.comparisonOperator()
                    + "' needs a comma-separated list of values");
        }
        return new TermInSetQuery(ChunkDocuments.keywordField(key), terms);
    }

    private static Query numberRange(String key, double lower, double upper) {
        String field = ChunkDocuments.numberField(key);
        return new IndexOrDocValuesQuery(
                DoublePoint.newRangeQuery(field, lower, upper),
                SortedNumericDocValuesField.newSlowRangeQuery(field,
                        NumericUtils.doubleToSortableLong(lower), NumericUtils.doubleToSortableLong(upper)));
    }

    /** Strictly before or after {@code pivot}: values that are times, and plain numbers read as epoch seconds. */
    private static Query timeRange(String key, long pivot, boolean before) {
        String field = ChunkDocuments.timeField(key);
        long lower = before ? Long.MIN_VALUE : pivot + 1;
        long upper = before ? pivot - 1 : Long.MAX_VALUE;
        Query times = new IndexOrDocValuesQuery(
                LongPoint.newRangeQuery(field, lower, upper), SortedNumericDocValuesField.newSlowRangeQuery(field, lower, upper));
        Query numbers = before
                ? numberRange(key, Double.NEGATIVE_INFINITY, Math.nextDown((double) pivot))
                : numberRange(key, Math.nextUp((double) pivot), Double.POSITIVE_INFINITY);
        return new BooleanQuery.Builder()
                .add(times, Occur.SHOULD)
                .add(numbers, Occur.SHOULD)
                .build();
    }

    private static String text(MetadataCondition c, String value) {
        if (value == null) {
            throw new IllegalArgumentException("metadata filter '" + c.name() + " " + c.comparisonOperator() + "' needs a value");
        }
        return value;
    }

    private static double number(MetadataCondition c, String value) {
        OptionalDouble d = MetadataValues.number(value);
        if (d.isEmpty()) {
            throw new IllegalArgumentException("metadata filter '" + c.name() + " " + c.comparisonOperator() + " " + value
                    + "': '" + value + "' is not a number");
        }
        return d.getAsDouble();
    }

    private static long epochSeconds(MetadataCondition c, String value) {
        OptionalLong t = MetadataValues.epochSeconds(value);
        if (t.isPresent()) {
            return t.getAsLong();
        }
        OptionalDouble d = MetadataValues.number(value);
        if (d.isPresent()) {
            return (long) Math.floor(d.getAsDouble());
        }
        throw new IllegalArgumentException("metadata filter '" + c.name() + " " + c.comparisonOperator() + " " + value
                + "': '" + value + "' is neither an ISO date/date-time (2024-05-01, 2024-05-01T10:00:00Z) nor epoch seconds");
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            if (ch == '*' || ch == '?' || ch == '\\') {
                out.append('\\');
            }
            out.append(ch);
        }
        return out.toString();
    }
}
