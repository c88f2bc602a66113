import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Build step of the distribution (host/pom.xml runs it on lib/picocli-*.jar after the assembly, as a single-file
 * program: {@code java -cp 'lib/*' ArchivableClasses.java JAR...}): rewrites each class compiled for Java 5 (class file
 * version 49, as picocli ships) as a Java 8 class file with the stack map frames ASM computes, and nothing else changed.
 *
 * <p>Why: the JVM's class-data archive, which the launcher makes so a short command starts fast, leaves out every class
 * older than Java 6, so picocli's 175 classes were read from the jar, parsed and verified by the old type-inferring
 * verifier on every start (about 60 ms of `dbspec engines`' 290, measured). The bytecode is the same; the frames are
 * what javac would write for it, and the modern verifier checks them at load. Other entries are copied as they are.
 */
public final class ArchivableClasses {
    private static final int JAVA_6 = 50;

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: java -cp ASM ArchivableClasses.java JAR...");
        }
        for (String jar : args) {
            rewrite(Path.of(jar));
        }
    }

    private static void rewrite(Path jar) throws IOException {
        Path partial = Files.createTempFile(jar.toAbsolutePath().getParent(), jar.getFileName().toString(), ".tmp");
        int rewritten = 0;
        try (InputStream file = Files.newInputStream(jar); ZipInputStream in = new ZipInputStream(file);
             OutputStream target = Files.newOutputStream(partial); ZipOutputStream out = new ZipOutputStream(target)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                if (entry.getName().endsWith(".class") && classFileVersion(bytes) < JAVA_6) {
                    bytes = withFrames(bytes);
                    rewritten++;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        }
        Files.move(partial, jar, StandardCopyOption.REPLACE_EXISTING);
        System.out.println(jar.getFileName() + ": " + rewritten + " classes rewritten as Java 8 class files with stack map frames");
    }

    private static int classFileVersion(byte[] bytes) {
        return ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff);
    }

    private static byte[] withFrames(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        // COMPUTE_FRAMES finds common super classes by loading them: the jar being rewritten is on this program's class path
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
            }
        }, ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }
}
