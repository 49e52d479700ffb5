package io.github.intunerecsys.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of one command: {@code --name value}, {@code --name=value}, bare flags, and options
 * that repeat or take several values ({@code --param a=1 b=2}). Unknown options are a {@link UsageException}.
 */
final class Args {

    private final String command;
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    /**
     * @param flags       options that take no value
     * @param valued      options that take one value
     * @param multiValued options that take every following word up to the next option
     */
    Args(String command, List<String> args, Set<String> flags, Set<String> valued, Set<String> multiValued) {
        this.command = command;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("--")) {
                String name = a.substring(2);
                String inline = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    inline = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (name.equals("help") || flags.contains(name)) {
                    if (inline != null) {
                        throw new UsageException(command + ": option --" + name + " takes no value");
                    }
                    values.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
                } else if (valued.contains(name)) {
                    String v = inline;
                    if (v == null) {
                        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                            throw new UsageException(command + ": option --" + name + " needs a value");
                        }
                        v = args.get(++i);
                    }
                    values.computeIfAbsent(name, k -> new ArrayList<>()).add(v);
                } else if (multiValued.contains(name)) {
                    List<String> list = values.computeIfAbsent(name, k -> new ArrayList<>());
                    if (inline != null) {
                        list.add(inline);
                    }
                    while (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                        list.add(args.get(++i));
                    }
                    if (list.isEmpty()) {
                        throw new UsageException(command + ": option --" + name + " needs a value");
                    }
                } else {
                    throw new UsageException(command + ": unknown option --" + name + " (see " + command + " --help)");
                }
            } else {
                positional.add(a);
            }
        }
    }

    boolean help() {
        return values.containsKey("help");
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String string(String name, String fallback) {
        List<String> v = values.get(name);
        return v == null ? fallback : v.getLast();
    }

    String required(String name) {
        String v = string(name, null);
        if (v == null) {
            throw new UsageException(command + ": missing required option --" + name);
        }
        return v;
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    Path path(String name, Path fallback) {
        String v = string(name, null);
        return v == null ? fallback : Path.of(v);
    }

    Path requiredPath(String name) {
        return Path.of(required(name));
    }

    long longValue(String name, long fallback, long min, long max) {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        long x;
        try {
            x = Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": --" + name + " must be a whole number, got '" + v + "'");
        }
        if (x < min || x > max) {
            throw new UsageException(command + ": --" + name + " must be between " + min + " and " + max + ", got " + x);
        }
        return x;
    }

    int intValue(String name, int fallback, int min, int max) {
        return (int) longValue(name, fallback, min, max);
    }

    double doubleValue(String name, double fallback, double min, double max) {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        double x;
        try {
            x = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UsageException(command + ": --" + name + " must be a number, got '" + v + "'");
        }
        if (!(x >= min && x <= max)) {
            throw new UsageException(command + ": --" + name + " must be between " + min + " and " + max + ", got " + v);
        }
        return x;
    }

    List<String> positional() {
        return positional;
    }
}
