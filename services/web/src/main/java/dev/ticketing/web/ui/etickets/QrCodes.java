package dev.ticketing.web.ui.etickets;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.EncodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;

/**
 * QR codes of e-ticket codes, drawn here (ZXing) as SVG and put into the page as a {@code data:} image: the code
 * never appears in a URL or an access log, nothing is fetched from anywhere, and the image stays sharp on any
 * screen and on paper.
 */
final class QrCodes {

    /** Modules of white border the QR specification asks for around the code. */
    static final int QUIET_ZONE = 4;

    private static final int MASK_PATTERNS = 8;
    private static final int MIN_CHECKED_MODULE_PIXELS = 3;
    private static final int MAX_CHECKED_MODULE_PIXELS = 7;
    private static final int WHITE = 0xFFFFFF;
    private static final int BLACK = 0x000000;

    private QrCodes() {}

    /**
     * The code's matrix, in a mask pattern that ZXing's reader decodes at every module size from 3 to 7 pixels. The
     * standard choice (the mask with the lowest penalty) gives a matrix that this common reader cannot decode, at any
     * size, for about one e-ticket code in 250: something in the data passes for a finder or alignment pattern. Any
     * of the eight masks is valid, so such a code is drawn in the first one that reads; a matrix costs well under a
     * millisecond to check.
     */
    static BitMatrix matrix(String text) {
        BitMatrix standard = encode(text, null);
        if (readsBack(standard, text)) {
            return standard;
        }
        for (int mask = 0; mask < MASK_PATTERNS; mask++) {
            BitMatrix masked = encode(text, mask);
            if (readsBack(masked, text)) {
                return masked;
            }
        }
        return standard; // never seen: the code is still valid for readers with a sturdier detector
    }

    private static BitMatrix encode(String text, Integer mask) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, 0);
        hints.put(EncodeHintType.CHARACTER_SET, "UTF-8");
        if (mask != null) {
            hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
        }
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("Cannot draw a QR code of " + text.length() + " characters", e);
        }
    }

    private static boolean readsBack(BitMatrix matrix, String text) {
        for (int pixels = MIN_CHECKED_MODULE_PIXELS; pixels <= MAX_CHECKED_MODULE_PIXELS; pixels++) {
            try {
                if (!new QRCodeReader().decode(raster(matrix, pixels)).getText().equals(text)) {
                    return false;
                }
            } catch (ReaderException | RuntimeException unreadable) {
                return false; // the reader's own failures are answers here: this matrix does not read
            }
        }
        return true;
    }

    /** Black modules on white, with the quiet zone, {@code pixels} a module: the image as a screen shows it. */
    static BinaryBitmap raster(BitMatrix matrix, int pixels) {
        int width = (matrix.getWidth() + 2 * QUIET_ZONE) * pixels;
        int[] rgb = new int[width * width];
        Arrays.fill(rgb, WHITE);
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                if (matrix.get(x, y)) {
                    int left = (x + QUIET_ZONE) * pixels;
                    for (int row = (y + QUIET_ZONE) * pixels; row < (y + QUIET_ZONE + 1) * pixels; row++) {
                        Arrays.fill(rgb, row * width + left, row * width + left + pixels, BLACK);
                    }
                }
            }
        }
        return new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, width, rgb)));
    }

    /** One path of unit squares, a run of dark modules per segment, on a white square with the quiet zone. */
    static String svg(String text) {
        BitMatrix matrix = matrix(text);
        int size = matrix.getWidth() + 2 * QUIET_ZONE;
        var path = new StringBuilder();
        for (int y = 0; y < matrix.getHeight(); y++) {
            int x = 0;
            while (x < matrix.getWidth()) {
                if (!matrix.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < matrix.getWidth() && matrix.get(x, y)) {
                    x++;
                }
                path.append('M')
                        .append(start + QUIET_ZONE)
                        .append(' ')
                        .append(y + QUIET_ZONE)
                        .append('h')
                        .append(x - start)
                        .append("v1h-")
                        .append(x - start)
                        .append('z');
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
                + "\" shape-rendering=\"crispEdges\"><rect width=\"" + size + "\" height=\"" + size
                + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }

    static String dataUri(String text) {
        return "data:image/svg+xml;base64,"
                + Base64.getEncoder().encodeToString(svg(text).getBytes(StandardCharsets.UTF_8));
    }
}
