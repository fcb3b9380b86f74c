package dev.sluice.layouts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's float to text conversions: {@code repr} (the shortest text that reads back as the same
 * double) and the correctly rounded {@code e}, {@code f} and {@code g} forms that the {@code %}
 * operator and {@code format()} use. Java's own {@code String.format} rounds its shortest decimal
 * text instead of the exact binary value, so it differs from CPython on ties such as 0.125; every
 * method here rounds the exact value half-to-even, as CPython's dtoa does.
 *
 * <p>The results never carry a sign: callers add it, since the sign and the padding interact.
 * Only finite values reach this class (record times are finite).
 */
final class PyNumbers {

	private PyNumbers() {
	}

	/** {@code repr(abs(v))}: shortest round-trip digits, fixed for 1e-4 <= v < 1e16, else exponent. */
	static String repr(double v) {
		double a = Math.abs(v);
		if (a == 0) {
			return "0.0";
		}
		BigDecimal exact = new BigDecimal(a);
		BigDecimal shortest = null;
		for (int p = 1; p <= 17; p++) {
			BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
			if (Double.parseDouble(r.toString()) == a) {
				shortest = r;
				break;
			}
		}
		if (shortest == null) {
			shortest = exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
		}
		shortest = shortest.stripTrailingZeros();
		String digits = shortest.unscaledValue().toString();
		int decpt = digits.length() - shortest.scale();
		return layout(digits, decpt, decpt <= -4 || decpt > 16, true, 'e');
	}

	/**
	 * Places a decimal point into significant {@code digits} whose point is at {@code decpt}, in
	 * fixed or exponent notation; {@code dot0} adds ".0" to a fixed form without fraction.
	 */
	private static String layout(String digits, int decpt, boolean exponent, boolean dot0, char e) {
		StringBuilder sb = new StringBuilder(digits.length() + 8);
		if (exponent) {
			sb.append(digits.charAt(0));
			if (digits.length() > 1) {
				sb.append('.').append(digits, 1, digits.length());
			}
			appendExponent(sb, decpt - 1, e);
			return sb.toString();
		}
		if (decpt <= 0) {
			sb.append("0.");
			for (int i = decpt; i < 0; i++) {
				sb.append('0');
			}
			sb.append(digits);
		}
		else if (decpt >= digits.length()) {
			sb.append(digits);
			for (int i = digits.length(); i < decpt; i++) {
				sb.append('0');
			}
			if (dot0) {
				sb.append(".0");
			}
		}
		else {
			sb.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
		}
		return sb.toString();
	}

	private static void appendExponent(StringBuilder sb, int exp, char e) {
		sb.append(e).append(exp < 0 ? '-' : '+');
		int x = Math.abs(exp);
		if (x < 10) {
			sb.append('0');
		}
		sb.append(x);
	}

	/** {@code '%.{prec}f' % abs(v)}; {@code alt} keeps the point when prec is 0. */
	static String fixed(double v, int prec, boolean alt) {
		String s = new BigDecimal(Math.abs(v)).setScale(prec, RoundingMode.HALF_EVEN).toPlainString();
		return alt && prec == 0 ? s + '.' : s;
	}

	/** {@code '%.{prec}e' % abs(v)}. */
	static String exp(double v, int prec, boolean alt, char e) {
		double a = Math.abs(v);
		String digits;
		int exp10;
		if (a == 0) {
			digits = "0".repeat(prec + 1);
			exp10 = 0;
		}
		else {
			BigDecimal r = new BigDecimal(a).round(new MathContext(prec + 1, RoundingMode.HALF_EVEN));
			String unscaled = r.unscaledValue().toString();
			exp10 = unscaled.length() - r.scale() - 1;
			// round() may leave fewer digits (trailing zeros are not added): pad to prec + 1
			StringBuilder d = new StringBuilder(unscaled);
			while (d.length() < prec + 1) {
				d.append('0');
			}
			digits = d.substring(0, prec + 1);
		}
		StringBuilder sb = new StringBuilder(prec + 8).append(digits.charAt(0));
		if (prec > 0 || alt) {
			sb.append('.');
		}
		sb.append(digits, 1, digits.length());
		appendExponent(sb, exp10, e);
		return sb.toString();
	}

	/**
	 * {@code '%.{prec}g' % abs(v)}, or, with {@code noneType}, {@code format()} without a type
	 * letter and with a precision (at least one digit after the point, exponent from p - 1).
	 */
	static String general(double v, int prec, boolean alt, boolean noneType, char e) {
		int p = prec == 0 ? 1 : prec;
		double a = Math.abs(v);
		int x;
		if (a == 0) {
			x = 0;
		}
		else {
			BigDecimal r = new BigDecimal(a).round(new MathContext(p, RoundingMode.HALF_EVEN));
			x = r.unscaledValue().toString().length() - r.scale() - 1;
		}
		// format() without a type letter switches to the exponent one digit earlier than 'g'
		boolean useExp = x < -4 || x >= (noneType ? p - 1 : p);
		String s = useExp ? exp(a, p - 1, alt, e) : fixed(a, p - 1 - x, alt);
		if (!alt) {
			s = stripZeros(s, noneType && !useExp);
		}
		return s;
	}

	/** Removes trailing fractional zeros (and a bare point, unless one digit must stay). */
	private static String stripZeros(String s, boolean keepOneDigit) {
		int ePos = s.indexOf('e');
		if (ePos < 0) {
			ePos = s.indexOf('E');
		}
		String mant = ePos < 0 ? s : s.substring(0, ePos);
		String tail = ePos < 0 ? "" : s.substring(ePos);
		if (mant.indexOf('.') < 0) {
			return keepOneDigit ? mant + ".0" + tail : s;
		}
		int end = mant.length();
		while (mant.charAt(end - 1) == '0') {
			end--;
		}
		if (mant.charAt(end - 1) == '.') {
			end = keepOneDigit ? end + 1 : end - 1;
		}
		return mant.substring(0, end) + tail;
	}

	/** Inserts {@code sep} every {@code group} digits from the right of an all-digit string. */
	static String group(String digits, char sep, int group) {
		if (digits.length() <= group) {
			return digits;
		}
		StringBuilder sb = new StringBuilder(digits.length() + digits.length() / group);
		int first = digits.length() % group;
		if (first > 0) {
			sb.append(digits, 0, first);
		}
		for (int i = first; i < digits.length(); i += group) {
			if (sb.length() > 0) {
				sb.append(sep);
			}
			sb.append(digits, i, i + group);
		}
		return sb.toString();
	}
}
