package io.tutti.connectors.crypto;

import io.tutti.web.crypto.SecretBox;
import io.tutti.web.problem.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/**
 * An inbox whose credentials the configured keys cannot open (the key was changed without listing
 * the old one in {@code TUTTI_PREVIOUS_ENCRYPTION_KEYS}, or a database was restored without its
 * key): our fault, not the caller's. A 503 makes the platforms retry their deliveries once an admin
 * has entered the credentials again, so no message is lost meanwhile.
 */
@Provider
public class SealedValueExceptionMapper implements ExceptionMapper<SecretBox.SealedValueException> {

  private static final Logger LOG = Logger.getLogger(SealedValueExceptionMapper.class);

  @Override
  public Response toResponse(SecretBox.SealedValueException exception) {
    LOG.errorf(
        "An inbox's credentials cannot be opened (%s): check TUTTI_ENCRYPTION_KEY and"
            + " TUTTI_PREVIOUS_ENCRYPTION_KEYS, or enter the inbox's credentials again",
        exception.getMessage());
    return new Problem(
            Problem.type("credentials-unreadable"),
            "Inbox credentials unreadable",
            503,
            "This inbox's credentials cannot be opened with the configured encryption key; an"
                + " admin must enter them again in the inbox's settings.")
        .toResponse();
  }
}
