package dev.kiso;

/**
 * The one exception family for a user's mistakes: shapes that do not fit, bad configuration,
 * corrupt or truncated files. The message always says what was expected and what was found,
 * and names the operation, layer or file concerned.
 *
 * <p>It extends {@link IllegalArgumentException} because every such mistake is, in the end, an
 * argument the library cannot accept.
 */
public class KisoException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that names the operation and what went wrong.
     *
     * @param message what was expected and what was found
     */
    public KisoException(String message) {
        super(message);
    }

    /**
     * Creates an exception that wraps a lower-level cause (an I/O error, say).
     *
     * @param message what was expected and what was found
     * @param cause   the underlying error
     */
    public KisoException(String message, Throwable cause) {
        super(message, cause);
    }
}
