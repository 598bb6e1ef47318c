package dev.weft.knowledge.retrieve;

/**
 * One metadata filter condition, with Dify's operators: {@code contains}, {@code not contains}, {@code start with},
 * {@code end with}, {@code is}, {@code is not}, {@code empty}, {@code not empty}, {@code in}, {@code not in}
 * (comma-separated value), {@code =}, {@code ≠}, {@code >}, {@code <}, {@code ≥}, {@code ≤}, {@code before},
 * {@code after}. {@code value} is null for {@code empty}/{@code not empty}.
 */
public record MetadataCondition(String name, String comparisonOperator, String value) {}
