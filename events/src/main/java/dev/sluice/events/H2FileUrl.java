package dev.sluice.events;

/**
 * The H2 file database an event store URL names, when it names one plainly (no options, no
 * credentials): such a store is made as {@link EventStore#h2File} makes it. r2dbc-spi's parser takes
 * none of the forms people write for a file (r2dbc-h2's own {@code r2dbc:h2:file///abs} is refused,
 * and {@code r2dbc:h2:file:///abs} reaches H2 as a path relative to the working directory, which H2
 * refuses), so they are read here:
 * <ul>
 * <li>{@code r2dbc:h2:file:///abs/path} and {@code r2dbc:h2:file:////abs/path}: {@code /abs/path}
 * ({@code r2dbc:h2:file:///C:/data/events}: {@code C:/data/events});</li>
 * <li>{@code r2dbc:h2:file:///./rel/path}, {@code r2dbc:h2:file:///~/path}: relative to the working
 * or the home directory;</li>
 * <li>r2dbc-h2's forms, without the colon: {@code r2dbc:h2:file///abs/path} (absolute) and
 * {@code r2dbc:h2:file//rel/path} (relative to the working directory).</li>
 * </ul>
 * Stateless.
 */
final class H2FileUrl {

	private static final String PREFIX = "r2dbc:h2:file";

	private H2FileUrl() {
	}

	/** The file path (as H2 takes it, without {@code .mv.db}) {@code url} names, or null when it is not such a URL. */
	static String path(String url) {
		if (!url.startsWith(PREFIX)) {
			return null;
		}
		String rest = url.substring(PREFIX.length());
		boolean standard = rest.startsWith(":");
		if (standard) {
			rest = rest.substring(1);
			// "://host/path" names a host: not a plain file URL
			if (!rest.startsWith("///")) {
				return null;
			}
		}
		if (!rest.startsWith("//") || rest.indexOf('?') >= 0 || rest.indexOf(';') >= 0 || rest.indexOf('@') >= 0) {
			return null;
		}
		String path = rest.substring(2);
		if (!path.startsWith("/")) {
			// r2dbc-h2's "file//rel/path"
			path = "./" + path;
		}
		while (path.startsWith("//")) {
			path = path.substring(1);
		}
		if (path.length() > 3 && path.charAt(2) == ':' && path.charAt(3) == '/' && Character.isLetter(path.charAt(1))) {
			// a Windows drive: file:///C:/data/events
			path = path.substring(1);
		}
		else if (path.startsWith("/./")) {
			path = path.substring(1);
		}
		else if (path.startsWith("/~/")) {
			path = System.getProperty("user.home") + path.substring(2);
		}
		String name = path.substring(path.lastIndexOf('/') + 1);
		return name.isEmpty() || name.equals(".") || name.equals("~") ? null : path;
	}
}
