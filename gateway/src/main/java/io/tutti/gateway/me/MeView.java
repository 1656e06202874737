package io.tutti.gateway.me;

import java.util.List;

/** The signed-in user as the web app shows them. */
public record MeView(
    String username, String name, String email, String workspace, List<String> roles) {}
