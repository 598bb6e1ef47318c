package dev.weft.engine.file;

import dev.weft.engine.variable.FileValue;
import java.io.IOException;
import java.io.InputStream;

/** Opens the content of a file passed through a run: an upload or a remote URL. */
public interface FileResolver {

    /** The file's bytes; the caller closes the stream. Throws with a message naming the file when it cannot be read. */
    InputStream open(FileValue file) throws IOException;
}
