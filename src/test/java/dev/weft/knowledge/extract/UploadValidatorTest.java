package dev.weft.knowledge.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

class UploadValidatorTest {

    private final UploadValidator validator = new UploadValidator(UploadLimits.DEFAULT);

    @Test
    void defaults_are_15_mb_per_file_and_20_files_per_upload() {
        assertThat(UploadLimits.DEFAULT.maxFileSize()).isEqualTo(DataSize.ofMegabytes(15));
        assertThat(UploadLimits.DEFAULT.maxFiles()).isEqualTo(20);
    }

    @Test
    void the_limits_bind_from_their_properties() {
        var source = new MapConfigurationPropertySource(Map.of(
                "weft.knowledge.upload.max-file-size", "2MB", "weft.knowledge.upload.max-files", "3"));
        UploadLimits limits = new Binder(source).bind("weft.knowledge.upload", UploadLimits.class).get();
        assertThat(limits).isEqualTo(new UploadLimits(DataSize.ofMegabytes(2), 3));
    }

    @Test
    void each_problem_is_a_sentence_that_says_what_to_do() {
        long big = DataSize.ofMegabytes(22).toBytes() + 400 * 1024;
        assertThat(validator.checkFile("scan.pdf", big)).contains("scan.pdf is 22.4 MB, more than the 15 MB allowed per file: "
                + "split it into smaller files or shrink its images, then upload it again (limit set by weft.knowledge.upload.max-file-size).");
        assertThat(validator.checkFile("notes.txt", 0)).contains("notes.txt is empty (0 bytes): choose the file again, or a file with content.");
        assertThat(validator.checkFile("notes.txt", DataSize.ofMegabytes(15).toBytes())).isEmpty();
        assertThat(validator.checkBatch(25)).contains("An upload can hold at most 20 files and this one has 25: "
                + "upload them in batches of 20 or fewer (limit set by weft.knowledge.upload.max-files).");
        assertThat(validator.checkBatch(20)).isEmpty();
    }

    @Test
    void validate_lists_every_problem_of_an_upload() {
        var small = new UploadValidator(new UploadLimits(DataSize.ofKilobytes(1), 2));
        List<String> problems = small.validate(List.of(
                new UploadCandidate("a.txt", 10), new UploadCandidate("b.txt", 5000), new UploadCandidate(null, 0)));
        assertThat(problems).containsExactly(
                "An upload can hold at most 2 files and this one has 3: upload them in batches of 2 or fewer (limit set by weft.knowledge.upload.max-files).",
                "b.txt is 4.9 KB, more than the 1 KB allowed per file: split it into smaller files or shrink its images, then upload it again (limit set by weft.knowledge.upload.max-file-size).",
                "The file is empty (0 bytes): choose the file again, or a file with content.");
        assertThat(small.validate(List.of(new UploadCandidate("a.txt", 10)))).isEmpty();
    }
}
