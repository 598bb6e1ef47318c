package dev.weft.knowledge.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DocumentNameTest {

    @Test
    void shortNamesStayAsTheyAre() {
        assertThat(DocumentName.fit("report.pdf")).isEqualTo("report.pdf");
        assertThat(DocumentName.fit("a".repeat(255))).hasSize(255);
    }

    @Test
    void longNamesKeepTheirStartAndExtension() {
        String fitted = DocumentName.fit("Renal considerations ".repeat(20) + ".md");
        assertThat(fitted).hasSize(255).startsWith("Renal considerations Renal").endsWith("….md");
    }

    @Test
    void longNamesWithoutExtensionAreCut() {
        assertThat(DocumentName.fit("x".repeat(300))).hasSize(255).endsWith("x…");
    }

    @Test
    void surrogatePairsAreNotSplit() {
        String fitted = DocumentName.fit("a".repeat(253) + "😀😀😀");
        assertThat(fitted).hasSizeLessThanOrEqualTo(255).doesNotContain("\uFFFD");
        assertThat(Character.isHighSurrogate(fitted.charAt(fitted.length() - 2))).isFalse();
    }
}
