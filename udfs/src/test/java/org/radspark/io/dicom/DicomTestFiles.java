package org.radspark.io.dicom;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TagFromName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

/** Phantom locations and small pixelmed-based file edits shared by the DICOM tests. */
final class DicomTestFiles {
    private DicomTestFiles() { }

    static Path testdata() {
        return Paths.get(System.getProperty("radspark.testdata", "../testdata"));
    }

    static Path phantomImageDir() {
        return testdata().resolve("ibsi1/ct_phantom/dicom/image");
    }

    static Path phantomRtstruct() {
        return testdata().resolve("ibsi1/ct_phantom/dicom/mask/rtstruct.dcm");
    }

    /** Copies the phantom's image files into {@code dir}. */
    static void copyPhantomImages(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(phantomImageDir())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
    }

    interface Edit {
        void apply(AttributeList list) throws Exception;
    }

    /** Reads {@code file} with pixelmed, applies {@code edit} and writes it back in {@code transferSyntax}. */
    static void rewrite(Path file, String transferSyntax, Edit edit) throws Exception {
        AttributeList list = new AttributeList();
        list.read(file.toFile());
        edit.apply(list);
        write(list, file, transferSyntax);
    }

    static void write(AttributeList list, Path file, String transferSyntax) throws Exception {
        list.remove(TagFromName.TransferSyntaxUID);
        FileMetaInformation.addFileMetaInformation(list, transferSyntax, "RADSPARK");
        list.write(file.toFile(), transferSyntax, true, true);
    }

    static void replace(AttributeList list, AttributeTag tag, String value) throws Exception {
        Attribute a = list.get(tag);
        a.removeValues();
        a.addValue(value);
    }
}
