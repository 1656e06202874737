package io.tutti.conversations.canned;

/** A canned response's text with the placeholders filled in for one conversation. */
public record RenderedResponse(String text) {}
