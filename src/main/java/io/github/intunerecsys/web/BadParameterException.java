package io.github.intunerecsys.web;

import java.util.List;

/** A request parameter the API refuses: 400 naming the parameter and, where there is a list, the allowed values. */
final class BadParameterException extends RuntimeException {

    private final String parameter;
    private final List<String> allowed;

    BadParameterException(String parameter, String detail, List<String> allowed) {
        super(detail, null, false, false);
        this.parameter = parameter;
        this.allowed = List.copyOf(allowed);
    }

    BadParameterException(String parameter, String detail) {
        this(parameter, detail, List.of());
    }

    String parameter() {
        return parameter;
    }

    /** The values the parameter may take, empty when it is a range or free text. */
    List<String> allowed() {
        return allowed;
    }
}
