package dev.sluice.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads an input of UTF-8 lines one at a time, decoding each line on its own so that a line that
 * is not UTF-8 is reported by number and the next one is read as usual (a reader over the whole
 * stream would either stop at the bad byte or replace it silently). A UTF-8 byte order mark at the
 * start is skipped; a line may end in LF or CRLF. Not thread-safe.
 */
final class InputLines implements AutoCloseable {

	/** One line: its number (from 1), its text, or null with the decoding problem when it is not UTF-8. */
	record Line(long number, String text, String problem) {
	}

	private final InputStream in;
	private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
	private final byte[] chunk = new byte[1 << 16];
	private int pos;
	private int limit;
	private byte[] line = new byte[256];
	private long number;
	private long bytesRead;
	private boolean first = true;

	InputLines(InputStream in) {
		this.in = in;
	}

	/**
	 * Continues an input from {@code offset} bytes in, where line {@code linesBefore + 1} starts
	 * (a resumed run): the bytes before are skipped, not read as lines.
	 */
	InputLines(InputStream in, long offset, long linesBefore) throws IOException {
		this.in = in;
		long left = offset;
		while (left > 0) {
			long n = in.skip(left);
			if (n <= 0) {
				if (in.read() < 0) {
					throw new IOException("the input is shorter (" + (offset - left) + " bytes) than the offset to resume"
							+ " from (" + offset + ")");
				}
				n = 1;
			}
			left -= n;
		}
		this.bytesRead = offset;
		this.number = linesBefore;
		this.first = offset == 0;
	}

	/** Lines read so far (the number of the last one). */
	long lines() {
		return number;
	}

	/** Bytes consumed so far. */
	long bytesRead() {
		return bytesRead;
	}

	/** The next line, or null at the end of the input. Blocks on the input. */
	Line next() throws IOException {
		int len = 0;
		boolean any = false;
		while (true) {
			if (pos == limit) {
				limit = in.read(chunk);
				pos = 0;
				if (limit <= 0) {
					limit = 0;
					if (!any) {
						return null;
					}
					break;
				}
			}
			any = true;
			byte b = chunk[pos++];
			bytesRead++;
			if (b == '\n') {
				break;
			}
			if (len == line.length) {
				line = Arrays.copyOf(line, len * 2);
			}
			line[len++] = b;
		}
		number++;
		int start = 0;
		if (first) {
			first = false;
			if (len >= 3 && (line[0] & 0xff) == 0xEF && (line[1] & 0xff) == 0xBB && (line[2] & 0xff) == 0xBF) {
				start = 3;
			}
		}
		if (len > start && line[len - 1] == '\r') {
			len--;
		}
		try {
			CharBuffer chars = utf8.decode(ByteBuffer.wrap(line, start, len - start));
			return new Line(number, chars.toString(), null);
		}
		catch (CharacterCodingException e) {
			return new Line(number, null, "expected UTF-8 text, found bytes that are not UTF-8");
		}
	}

	@Override
	public void close() throws IOException {
		in.close();
	}
}
