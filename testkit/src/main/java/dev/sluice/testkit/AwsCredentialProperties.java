package dev.sluice.testkit;

/**
 * Test credentials for the AWS SDK's default credential chain, which reads the system properties
 * {@code aws.accessKeyId} and {@code aws.secretAccessKey} first: {@link #set} sets both, {@link #close()} puts back
 * what was there before (or clears them). System properties are JVM-wide: use one at a time, from test threads.
 */
public final class AwsCredentialProperties implements AutoCloseable {

	private static final String KEY = "aws.accessKeyId";
	private static final String SECRET = "aws.secretAccessKey";

	private final String oldKey;
	private final String oldSecret;

	private AwsCredentialProperties(String oldKey, String oldSecret) {
		this.oldKey = oldKey;
		this.oldSecret = oldSecret;
	}

	/** Sets the two properties until {@link #close()}. */
	public static AwsCredentialProperties set(String accessKeyId, String secretAccessKey) {
		String oldKey = System.setProperty(KEY, accessKeyId);
		String oldSecret = System.setProperty(SECRET, secretAccessKey);
		return new AwsCredentialProperties(oldKey, oldSecret);
	}

	/** Restores the properties as they were before {@link #set}. */
	@Override
	public void close() {
		restore(KEY, oldKey);
		restore(SECRET, oldSecret);
	}

	private static void restore(String key, String old) {
		if (old == null) {
			System.clearProperty(key);
		}
		else {
			System.setProperty(key, old);
		}
	}

	@Override
	public String toString() {
		return "AwsCredentialProperties[set]"; // never the values
	}
}
