package dev.weft.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The committed production bundle holds one frontend build, not the leftovers of earlier ones. */
class ProductionBundleTest {

    private static final Path BUNDLE = Path.of("src/main/bundles/prod.bundle");
    private static final Pattern INDEX_SCRIPT = Pattern.compile("webapp/VAADIN/build/indexhtml-[^/]+\\.js");

    @Test
    void holdsOneBuildAndStaysSmall() throws IOException {
        assertThat(Files.size(BUNDLE)).as("size of " + BUNDLE).isLessThan(5L * 1024 * 1024);
        try (ZipFile zip = new ZipFile(BUNDLE.toFile())) {
            Map<Boolean, Long> entries = zip.stream()
                    .collect(Collectors.partitioningBy(e -> INDEX_SCRIPT.matcher(e.getName()).matches(), Collectors.counting()));
            assertThat(entries.get(true)).as("indexhtml entry scripts, one per build in the bundle").isEqualTo(1);
        }
    }
}
