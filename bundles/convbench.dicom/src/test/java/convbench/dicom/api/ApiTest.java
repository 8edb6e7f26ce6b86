package convbench.dicom.api;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class ApiTest {
    @Test
    void tagsParseAndPrint() {
        assertEquals(Tags.Rows, DicomTag.parse("(0028,0010)"));
        assertEquals(Tags.PixelData, DicomTag.parse("7fe00010"));
        assertEquals("(7FE0,0010)", Tags.PixelData.toString());
        assertTrue(DicomTag.of(0x0029, 0x1010).isPrivate());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DicomTag.parse("(0028,00)"));
        assertTrue(e.getMessage().contains("(0028,00)"));
    }

    @Test
    void twelveBitSignedSamplesAreSignExtendedAndHighBitsDropped() {
        // 0xF800 = -2048 in 12 bits (bit 11 set); 0x17FF has a stray bit 12 (overlay) over 2047
        PixelFrame f = PixelFrame.fromRawWords(1, 3, 1, 16, 12, true, "MONOCHROME2",
                new short[] { (short) 0x0800, (short) 0x17FF, 5 });
        assertEquals(-2048, f.sample(0));
        assertEquals(2047, f.sample(1));
        assertEquals(5, f.sample(0, 2));
        PixelFrame u = PixelFrame.fromRawWords(1, 2, 1, 16, 16, false, "MONOCHROME2", new short[] { (short) 65535, 7 });
        assertEquals(65535, u.sample(0));
        assertArrayEquals(new int[] { 7, 65535 }, u.range());
        assertArrayEquals(new float[] { 64511f, -1017f }, u.rescaled(1, -1024));
    }

    @Test
    void frameSizeIsChecked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PixelFrame(2, 2, 1, 16, 12, false, "MONOCHROME2", new short[3]));
        assertTrue(e.getMessage().contains("needs 4"), e.getMessage());
    }

    @Test
    void numbersBecomeShortDecimalStrings() {
        DicomDataset d = new DicomDataset().putNumbers(Tags.PixelSpacing, "DS", 0.451171875, 0.1 + 0.2)
                .putNumbers(Tags.Rows, "US", 512);
        var spacing = d.attributes().get(Tags.PixelSpacing).values();
        assertEquals("0.451171875", spacing.get(0));
        assertTrue(spacing.get(1).length() <= 16 && Math.abs(Double.parseDouble(spacing.get(1)) - 0.3) < 1e-12, spacing.get(1));
        assertEquals("512", d.attributes().get(Tags.Rows).values().get(0));
        assertThrows(IllegalArgumentException.class, () -> d.put(Tags.PixelData, "OW"));
    }

    @Test
    void transferSyntaxesAreNamed() {
        assertEquals("JPEG-LS Lossless (1.2.840.10008.1.2.4.80)", TransferSyntax.describe("1.2.840.10008.1.2.4.80"));
        assertTrue(TransferSyntax.of("1.2.840.10008.1.2.4.90").orElseThrow().encapsulated());
        assertEquals("transfer syntax 1.2.3", TransferSyntax.describe("1.2.3"));
        assertTrue(DicomUids.newUid().matches("2\\.25\\.[1-9][0-9]{0,38}"));
    }
}
