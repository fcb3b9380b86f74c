package dev.sluice.pipeline.sink;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Encodes text a sink formatted into bytes through buffers it keeps and reuses, so that writing a
 * batch makes no String and no byte array per batch or record (the garbage-free path of Log4j2's
 * layouts). Characters the charset cannot encode are replaced, as Python's {@code errors='replace'}.
 * Not thread-safe: one per sink, used from its runner's thread.
 */
public final class TextEncoder {

	private static final int SHRINK_ABOVE = 1 << 20;

	private final CharsetEncoder encoder;
	private char[] chars = new char[8192];
	private CharBuffer in = CharBuffer.wrap(chars);
	private ByteBuffer out = ByteBuffer.allocate(16 * 1024);

	/** An encoder to {@code charset}. */
	public TextEncoder(Charset charset) {
		this.encoder = charset.newEncoder().onMalformedInput(CodingErrorAction.REPLACE)
				.onUnmappableCharacter(CodingErrorAction.REPLACE);
	}

	/**
	 * The bytes of {@code text}, in a buffer ready to read (position 0, limit the length) that
	 * stays valid until the next call.
	 */
	public ByteBuffer encode(CharSequence text) {
		int n = text.length();
		if (n > chars.length) {
			chars = new char[Math.max(n, chars.length * 2)];
			in = CharBuffer.wrap(chars);
		}
		if (text instanceof StringBuilder) {
			((StringBuilder) text).getChars(0, n, chars, 0);
		}
		else {
			text.toString().getChars(0, n, chars, 0);
		}
		in.clear();
		in.limit(n);
		out.clear();
		encoder.reset();
		while (true) {
			CoderResult r = encoder.encode(in, out, true);
			if (r.isUnderflow()) {
				r = encoder.flush(out);
			}
			if (r.isUnderflow()) {
				break;
			}
			ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, (int) (n * encoder.maxBytesPerChar())));
			out.flip();
			bigger.put(out);
			out = bigger;
		}
		out.flip();
		return out;
	}

	/** Gives big buffers back after a burst of long lines. */
	public void trim() {
		if (chars.length > SHRINK_ABOVE) {
			chars = new char[8192];
			in = CharBuffer.wrap(chars);
		}
		if (out.capacity() > SHRINK_ABOVE) {
			out = ByteBuffer.allocate(16 * 1024);
		}
	}
}
