package dev.sluice.pipeline.sink.support;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;

/**
 * Encodes text a sink formatted into bytes through buffers it keeps and reuses, so that writing a
 * batch makes no String and no byte array per batch or record (the garbage-free path of Log4j2's
 * layouts). Lines are appended to a pending buffer that the sink writes and clears; characters the
 * charset cannot encode are replaced (Python's {@code errors='replace'}), dropped ({@code 'ignore'})
 * or make {@link #append} refuse the line ({@code 'strict'}). Not thread-safe: one per sink, used
 * from its runner's thread.
 */
public final class TextEncoder {

	private static final int SHRINK_ABOVE = 1 << 20;

	private final CharsetEncoder encoder;
	private char[] chars = new char[8192];
	private CharBuffer in = CharBuffer.wrap(chars);
	private ByteBuffer out = ByteBuffer.allocate(16 * 1024);
	/** A {@link PythonEscapes} mode, or 0: what replaces a character the charset cannot encode. */
	private final int escape;

	/**
	 * An encoder to {@code charset} that replaces what the charset cannot encode.
	 *
	 * @param charset the charset lines are encoded to
	 */
	public TextEncoder(Charset charset) {
		this(charset, CodingErrorAction.REPLACE);
	}

	/**
	 * An encoder to {@code charset}; {@code onError} says what happens to characters it cannot encode:
	 * {@link CodingErrorAction#REPLACE}, {@link CodingErrorAction#IGNORE}, or
	 * {@link CodingErrorAction#REPORT} (then {@link #append} refuses the whole line).
	 *
	 * @param charset the charset lines are encoded to
	 * @param onError what to do with characters the charset cannot encode
	 */
	public TextEncoder(Charset charset, CodingErrorAction onError) {
		this(charset, onError, 0);
	}

	private TextEncoder(Charset charset, CodingErrorAction onError, int escape) {
		this.encoder = charset.newEncoder().onMalformedInput(onError).onUnmappableCharacter(onError);
		this.escape = escape;
	}

	/**
	 * An encoder to {@code charset} with one of Python's encoding error handlers: {@code strict} (a
	 * line with a character the charset cannot encode is refused), {@code replace} ({@code ?}),
	 * {@code ignore}, {@code backslashreplace} ({@code \xe9}, {@code \u20ac}, {@code \U0001f389}),
	 * {@code xmlcharrefreplace} ({@code &#233;}) or {@code namereplace} ({@code \N{EURO SIGN}}), as
	 * CPython writes them.
	 *
	 * @param charset the charset lines are encoded to
	 * @param errors the error handler's Python name
	 * @return the encoder
	 * @throws IllegalArgumentException for any other name
	 */
	public static TextEncoder python(Charset charset, String errors) {
		switch (errors) {
			case "strict":
				return new TextEncoder(charset, CodingErrorAction.REPORT);
			case "replace":
				return new TextEncoder(charset, CodingErrorAction.REPLACE);
			case "ignore":
				return new TextEncoder(charset, CodingErrorAction.IGNORE);
			default:
				int mode = PythonEscapes.mode(errors);
				if (mode == 0) {
					throw new IllegalArgumentException("not an encoding error handler Sluice knows: " + errors);
				}
				return new TextEncoder(charset, CodingErrorAction.REPORT, mode);
		}
	}

	/** Python's error handler names {@link #python} takes. */
	public static final java.util.List<String> PYTHON_ERRORS = java.util.List.of("strict", "replace", "ignore",
			"backslashreplace", "xmlcharrefreplace", "namereplace");

	/**
	 * Appends the bytes of {@code text} to the pending bytes. Returns false, appending nothing, when
	 * the encoder reports errors and {@code text} holds a character the charset cannot encode.
	 *
	 * @param text the line's text
	 * @return {@code true} if the text was appended
	 */
	public boolean append(CharSequence text) {
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
		int mark = out.position();
		encoder.reset();
		while (true) {
			CoderResult r = encoder.encode(in, out, true);
			if (r.isUnderflow()) {
				r = encoder.flush(out);
			}
			if (r.isUnderflow()) {
				return true;
			}
			if (r.isOverflow()) {
				ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2,
						out.position() + (int) (n * encoder.maxBytesPerChar())));
				out.flip();
				bigger.put(out);
				out = bigger;
				continue;
			}
			if (escape != 0) {
				escapeRun(r.length());
				continue;
			}
			out.position(mark);
			return false;
		}
	}

	/**
	 * Writes the escapes of the {@code length} characters at the input's position (the ones the
	 * charset could not encode) and moves past them. Escapes are ASCII, which every charset Python
	 * writes logs in encodes; a rare path, so it allocates.
	 */
	private void escapeRun(int length) {
		StringBuilder sb = new StringBuilder(12 * length);
		int end = in.position() + length;
		for (int i = in.position(); i < end; ) {
			int cp = Character.codePointAt(chars, i, end);
			PythonEscapes.append(escape, cp, sb);
			i += Character.charCount(cp);
		}
		in.position(end);
		// through the same encoder, so that a charset with a byte order mark writes it once
		CharBuffer escapes = CharBuffer.wrap(sb);
		while (encoder.encode(escapes, out, true).isOverflow()) {
			ByteBuffer bigger = ByteBuffer.allocate(out.capacity() * 2);
			out.flip();
			bigger.put(out);
			out = bigger;
		}
	}

	/** {@return how many bytes are pending (appended since the last {@link #clear})} */
	public int pending() {
		return out.position();
	}

	/** {@return the pending bytes, ready to read; valid until the next call} {@link #clear} once they are written. */
	public ByteBuffer flip() {
		out.flip();
		return out;
	}

	/** Forgets the pending bytes. */
	public void clear() {
		out.clear();
	}

	/**
	 * The bytes of {@code text} alone, in a buffer ready to read (position 0, limit the length) that
	 * stays valid until the next call; pending bytes are forgotten.
	 *
	 * @param text the text
	 * @return the bytes of {@code text} alone, in a buffer ready to read (position 0, limit the length) that
	 *     stays valid until the next call
	 */
	public ByteBuffer encode(CharSequence text) {
		clear();
		append(text);
		return flip();
	}

	/** Gives big buffers back after a burst of long lines (call with nothing pending). */
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
