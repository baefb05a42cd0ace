package io.github.blockwatch.official;

/**
 * The answer to {@code sendRequest}.
 *
 * @param accepted whether the service took the request ({@code result})
 * @param comment  the service's {@code resultComment} (why it refused, mostly), or an empty string
 * @param code     the request's code, to ask {@code getResult} with; empty when refused
 */
public record RequestAnswer(boolean accepted, String comment, String code) {}
