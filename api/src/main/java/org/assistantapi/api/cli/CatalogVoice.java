package org.assistantapi.api.cli;

import java.util.List;

/**
 * A voice of the catalog and the files that install it: its {@code .onnx.json} config, then its
 * {@code .onnx} model (the catalog's other files, such as the model card, are not needed).
 */
record CatalogVoice(String id, List<CatalogFile> files) {

    CatalogVoice {
        files = List.copyOf(files);
    }

    long sizeBytes() {
        return files.stream().mapToLong(CatalogFile::sizeBytes).sum();
    }
}
