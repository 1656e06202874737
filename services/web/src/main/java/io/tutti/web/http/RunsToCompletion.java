package io.tutti.web.http;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A resource whose requests run to their end even when the client leaves first: the {@code Uni} a
 * method returns is not cancelled when the connection closes, its result is only dropped.
 *
 * <p>Quarkus REST cancels a resource's {@code Uni} when the client's connection closes, and a
 * Hibernate Reactive transaction cancelled midway closes its connection with the transaction still
 * open: the connection never goes back to the pool (quarkusio/quarkus#51576). A platform that times
 * out its webhooks, a browser tab closed, the gateway giving up: each would cost a pooled
 * connection until none is left. Every resource of a service with a database carries this.
 */
@Inherited
@InterceptorBinding
@Retention(RUNTIME)
@Target({TYPE, METHOD})
public @interface RunsToCompletion {}
