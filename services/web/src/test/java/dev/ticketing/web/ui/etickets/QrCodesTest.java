package dev.ticketing.web.ui.etickets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.EncodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QrCodesTest {

    private static final Pattern SIZE = Pattern.compile("viewBox=\"0 0 (\\d+) \\d+\"");
    private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\d+z");

    @Test
    void theImageReadsBackAsTheCodeWithAQuietZone() throws Exception {
        String code = "Xk3v9QmA-d7P_2aZc1Lw0Q";
        String uri = QrCodes.dataUri(code);
        assertThat(uri).startsWith("data:image/svg+xml;base64,");
        String svg =
                new String(Base64.getDecoder().decode(uri.substring(uri.indexOf(',') + 1)), StandardCharsets.UTF_8);

        assertThat(decode(svg, 4)).isEqualTo(code);
        Matcher first = RUN.matcher(svg);
        assertThat(first.find()).isTrue();
        assertThat(Integer.parseInt(first.group(1))).as("quiet zone").isGreaterThanOrEqualTo(QrCodes.QUIET_ZONE);
    }

    /** app.css sizes the image at a whole number of pixels per module for this count; a new code format must too. */
    @Test
    void aCodeOfTheTicketsServiceFormatDrawsThirtyThreeModulesWithItsQuietZone() {
        String code = "Xk3v9QmA-d7P_2aZc1Lw0Q"; // 16 random bytes, URL-safe Base64 without padding
        Matcher size = SIZE.matcher(QrCodes.svg(code));
        assertThat(size.find()).isTrue();
        assertThat(Integer.parseInt(size.group(1))).isEqualTo(33);
    }

    /**
     * With the standard mask choice this code's matrix fails ZXing's reader at every size (a checksum error: a pattern
     * in the data is taken for an alignment pattern); drawn in another mask it reads at every size a screen shows it.
     */
    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5, 6, 7, 8})
    void aCodeTheStandardMaskMakesUnreadableIsDrawnInAMaskThatReads(int pixels) throws Exception {
        String code = "30s8_McQRYlOYDNlmfmo0Q";
        BitMatrix standard = new QRCodeWriter()
                .encode(
                        code,
                        BarcodeFormat.QR_CODE,
                        0,
                        0,
                        Map.of(
                                EncodeHintType.ERROR_CORRECTION,
                                ErrorCorrectionLevel.M,
                                EncodeHintType.MARGIN,
                                0,
                                EncodeHintType.CHARACTER_SET,
                                "UTF-8"));
        assertThatExceptionOfType(ReaderException.class)
                .as("the standard matrix of %s at %d pixels a module", code, pixels)
                .isThrownBy(() -> new QRCodeReader().decode(QrCodes.raster(standard, pixels)));

        assertThat(decode(QrCodes.svg(code), pixels)).isEqualTo(code);
    }

    @Test
    void nothingOfTheCodeLeaksIntoTheMarkupAsText() {
        String svg = QrCodes.svg("<script>alert(1)</script>");
        assertThat(svg).doesNotContain("script").startsWith("<svg ").endsWith("</svg>");
    }

    /** Rasterizes our own SVG (runs of unit squares) at {@code scale} pixels a module and decodes it with ZXing. */
    private static String decode(String svg, int scale) throws Exception {
        Matcher size = SIZE.matcher(svg);
        assertThat(size.find()).isTrue();
        int modules = Integer.parseInt(size.group(1));
        int width = modules * scale;
        int[] pixels = new int[width * width];
        java.util.Arrays.fill(pixels, 0xFFFFFF);
        Matcher run = RUN.matcher(svg);
        while (run.find()) {
            int x = Integer.parseInt(run.group(1));
            int y = Integer.parseInt(run.group(2));
            int length = Integer.parseInt(run.group(3));
            for (int px = x * scale; px < (x + length) * scale; px++) {
                for (int py = y * scale; py < (y + 1) * scale; py++) {
                    pixels[py * width + px] = 0;
                }
            }
        }
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, width, pixels)));
        return new QRCodeReader().decode(bitmap).getText();
    }
}
