package convbench.ekg.internal;

import convbench.ekg.EcgFormatException;
import convbench.ekg.WfdbRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.jflac.FLACDecoder;
import org.jflac.frame.Frame;
import org.jflac.metadata.StreamInfo;

/**
 * WFDB formats 508/516/524: the signal file is a FLAC stream with one channel per signal (decoded with jFLAC,
 * LGPL-2.1, embedded unmodified as its own jar).
 */
public final class FlacSignalFile {
    private FlacSignalFile() {
    }

    /** @return interleaved samples in WFDB frame order */
    public static int[] decode(Path file, byte[] bytes, int off, int nsig, int frameSize, int[] slot)
            throws EcgFormatException {
        if (frameSize != nsig)
            throw new EcgFormatException(file, null, "FLAC signal files with several samples per frame are not supported");
        try {
            FLACDecoder dec = new FLACDecoder(new ByteArrayInputStream(bytes, off, bytes.length - off));
            StreamInfo info = dec.readStreamInfo();
            if (info == null)
                throw new EcgFormatException(file, "byte " + off, "no FLAC stream header");
            if (info.getChannels() != nsig)
                throw new EcgFormatException(file, "FLAC stream header", "stream has " + info.getChannels()
                        + " channels but the header assigns " + nsig + " signals to this file");
            dec.readMetadata(info);
            int code = WfdbDecoder.invalidCode(info.getBitsPerSample() <= 8 ? 508
                    : info.getBitsPerSample() <= 16 ? 516 : 524);
            long total = info.getTotalSamples();
            int[] out = new int[Math.toIntExact(total * nsig)];
            int n = 0;
            Frame frame;
            while ((frame = dec.readNextFrame()) != null) {
                dec.decodeFrame(frame, null);
                int bs = frame.header.blockSize;
                for (int c = 0; c < nsig; c++) {
                    int[] ch = dec.getChannelData()[c].getOutput();
                    for (int i = 0; i < bs && (n + i) * nsig + c < out.length; i++) {
                        int v = ch[i];
                        out[(n + i) * nsig + c] = v == code ? WfdbRecord.INVALID : v;
                    }
                }
                n += bs;
            }
            if (n < total)
                throw new EcgFormatException(file, "sample " + n, "FLAC stream ends after " + n + " of " + total
                        + " samples");
            return out;
        } catch (EcgFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new EcgFormatException(file, null, "cannot decode FLAC signal data: " + e, e);
        }
    }
}
