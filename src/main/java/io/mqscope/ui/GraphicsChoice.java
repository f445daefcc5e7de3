package io.mqscope.ui;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Skips OpenGL on a Linux machine that has no graphics device (a VM, a container, a CI runner, a remote desktop
 * without a GPU). There JavaFX still tries its OpenGL pipeline (es2) first and GTK sets OpenGL up for its own use;
 * both get Mesa's software renderer, which JavaFX refuses, and the window is drawn by JavaFX's software pipeline
 * anyway. The probing only maps Mesa and LLVM into the process. Measured on this project's 2-core VM under Xvfb
 * (issue 17, README "What the launcher sets and why"): the packaged app idle with one connection to mosquitto
 * 252 -> 200 MB resident (LLVM alone 43 MB), first frame median 906 -> 881 ms.
 *
 * <p>Nothing changes where a graphics device exists (/dev/dri, /dev/nvidia*, WSL's /dev/dxg) or where the user chose
 * ({@code -Dprism.order}, {@code GDK_GL}).
 */
public final class GraphicsChoice {
    /** What {@link #decide} found: only SOFTWARE changes anything. */
    enum Outcome { NOT_LINUX, GRAPHICS_DEVICE, USER_CHOSE, SOFTWARE }

    private GraphicsChoice() {
    }

    /** Decides for this process; call before the JavaFX toolkit (and GTK) starts. */
    static void apply() {
        if (decide(System.getProperty("os.name", ""), Path.of("/dev"), System.getProperty("prism.order"),
                System.getenv()) == Outcome.SOFTWARE) {
            System.setProperty("prism.order", "sw");
            if (System.getenv("GDK_GL") == null) {
                // GTK reads its environment when the toolkit opens the display; Java cannot change the environment,
                // the C library can (before any other thread reads it: nothing else runs yet)
                setenv("GDK_GL", "disable");
            }
        }
    }

    static Outcome decide(String osName, Path dev, String prismOrder, Map<String, String> env) {
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Outcome.NOT_LINUX;
        }
        if (prismOrder != null || env.containsKey("GDK_GL")) {
            return Outcome.USER_CHOSE;
        }
        return hasGraphicsDevice(dev) ? Outcome.GRAPHICS_DEVICE : Outcome.SOFTWARE;
    }

    /** A DRM device (Mesa, the NVIDIA DRM module), an NVIDIA device node, or WSL's GPU paravirtualisation. */
    public static boolean hasGraphicsDevice(Path dev) {
        if (Files.exists(dev.resolve("dxg"))) {
            return true;
        }
        try (DirectoryStream<Path> dri = Files.newDirectoryStream(dev.resolve("dri"))) {
            if (dri.iterator().hasNext()) {
                return true;
            }
        } catch (IOException | RuntimeException e) {
            // no /dev/dri
        }
        try (DirectoryStream<Path> nvidia = Files.newDirectoryStream(dev, "nvidia*")) {
            return nvidia.iterator().hasNext();
        } catch (IOException | RuntimeException e) {
            // /dev unreadable: assume a device, as JavaFX would
            return true;
        }
    }

    /** The C library's setenv; false when it could not be called. */
    static boolean setenv(String name, String value) {
        try {
            return Native.load(Platform.C_LIBRARY_NAME, LibC.class).setenv(name, value, 0) == 0;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    /** The C library's getenv (tests: the process's real environment, not Java's copy of it at start). */
    static String getenv(String name) {
        try {
            return Native.load(Platform.C_LIBRARY_NAME, LibC.class).getenv(name);
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    /** The two functions of the C library used here. */
    interface LibC extends Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }
}
