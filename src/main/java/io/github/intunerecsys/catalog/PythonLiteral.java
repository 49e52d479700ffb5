package io.github.intunerecsys.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A single-pass recursive-descent parser for the Python literals that The Movies Dataset stores in its CSV cells
 * ({@code genres}, {@code cast}, {@code crew}, {@code keywords}, {@code belongs_to_collection}...): the output
 * of Python's {@code repr()}, which is not JSON.
 *
 * <p>Grammar accepted (what {@code ast.literal_eval} accepts for these files): strings in single or double
 * quotes with backslash escapes ({@code \' \" \\ \n \r \t \b \f \v \a \0}, octal {@code \ooo}, {@code \xNN},
 * {@code \}{@code uNNNN}, {@code \UNNNNNNNN}, backslash-newline; an unknown escape keeps its backslash, as in
 * Python); adjacent string literals concatenate; {@code None}, {@code True}, {@code False}; integers and floats
 * with sign and exponent; lists, tuples and dicts, nested, with trailing commas and any whitespace. Values map to
 * {@link String}, {@link Long}, {@link Double}, {@link Boolean}, {@code null}, {@link List} and {@link Map}
 * (insertion-ordered).
 *
 * <p>Two ways in. {@link #parse} builds the whole value. {@link #forEachDict} walks a list of dicts (or one dict)
 * and hands over only the values of the keys asked for; every other value is scanned without being built —
 * the full-size credits.csv (about 190 MB of cast and crew dicts, eight keys each) needs two keys per dict.
 * Neither uses regular expressions. Errors throw {@link SyntaxException} with the 0-based character position.
 */
final class PythonLiteral {

    /** Nesting deeper than this is rejected rather than risking a stack overflow on hostile input. */
    static final int MAX_DEPTH = 256;

    private final String s;
    private final int end;
    private int pos;
    private int depth;

    private PythonLiteral(String s) {
        this.s = s;
        this.end = s.length();
    }

    /** A literal that does not parse; {@link #position()} is the 0-based index of the offending character. */
    static final class SyntaxException extends IllegalArgumentException {
        private final int position;

        SyntaxException(String message, int position) {
            super(message + " at char " + position);
            this.position = position;
        }

        int position() {
            return position;
        }
    }

    /** Receives the values of the requested keys of one dict, by key position ({@code null} when absent). */
    @FunctionalInterface
    interface DictVisitor {
        /** {@code values} is reused for the next dict: copy what you keep. */
        void visit(Object[] values);
    }

    /** Parses one complete literal; only whitespace may follow it. */
    static Object parse(String text) {
        PythonLiteral p = new PythonLiteral(text);
        p.skipSpace();
        Object v = p.value();
        p.expectEnd();
        return v;
    }

    /**
     * Visits each dict of a list (or tuple) of dicts, or the one dict when the literal is a dict, passing the
     * values of {@code keys} in that order. A blank cell or {@code None} visits nothing.
     *
     * @throws SyntaxException when the literal does not parse or an element is not a dict
     */
    static void forEachDict(String text, String[] keys, DictVisitor visitor) {
        PythonLiteral p = new PythonLiteral(text);
        p.skipSpace();
        if (p.pos == p.end) {
            return;
        }
        Object[] values = new Object[keys.length];
        char c = p.s.charAt(p.pos);
        if (c == '{') {
            p.dictFields(keys, values);
            visitor.visit(values);
        } else if (c == '[' || c == '(') {
            char close = c == '[' ? ']' : ')';
            p.pos++;
            p.skipSpace();
            while (p.peek() != close) {
                if (p.peek() != '{') {
                    throw p.error("expected a dict");
                }
                p.dictFields(keys, values);
                visitor.visit(values);
                if (!p.commaOrClose(close)) {
                    break;
                }
            }
            p.pos++;
        } else if (p.startsWith("None")) {
            p.pos += 4;
        } else {
            throw p.error("expected a list or dict");
        }
        p.expectEnd();
    }

    /** The {@code name} of each dict in a list of dicts, in order: genres, keywords, companies. */
    static List<String> names(String text) {
        List<String> out = new ArrayList<>();
        forEachDict(text, NAME, values -> {
            if (values[0] instanceof String name && !name.isBlank()) {
                out.add(name.strip());
            }
        });
        return out;
    }

    /** The {@code name} of a dict ({@code belongs_to_collection}), or {@code null} when blank or None. */
    static String name(String text) {
        List<String> names = names(text);
        return names.isEmpty() ? null : names.getFirst();
    }

    private static final String[] NAME = {"name"};

    // ---- grammar ----

    private Object value() {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH);
        }
        try {
            char c = peek();
            return switch (c) {
                case '[' -> sequence(']');
                case '(' -> sequence(')');
                case '{' -> dict();
                case '\'', '"' -> strings();
                default -> word(c);
            };
        } finally {
            depth--;
        }
    }

    private List<Object> sequence(char close) {
        pos++;
        skipSpace();
        List<Object> out = new ArrayList<>();
        while (peek() != close) {
            out.add(value());
            if (!commaOrClose(close)) {
                break;
            }
        }
        pos++;
        return out;
    }

    private Map<String, Object> dict() {
        pos++;
        skipSpace();
        Map<String, Object> out = new LinkedHashMap<>();
        while (peek() != '}') {
            Object key = value();
            skipSpace();
            expect(':');
            out.put(String.valueOf(key), value());
            if (!commaOrClose('}')) {
                break;
            }
        }
        pos++;
        return out;
    }

    /**
     * Reads a dict at {@code pos}, storing the values of {@code keys} into {@code values} and skipping the others
     * unbuilt. Keys are compared in place when they hold no escape, so no String is made for them.
     */
    private void dictFields(String[] keys, Object[] values) {
        java.util.Arrays.fill(values, null);
        pos++;
        skipSpace();
        while (peek() != '}') {
            int wanted = -1;
            char q = peek();
            if (q == '\'' || q == '"') {
                int close = plainStringEnd(q);
                if (close >= 0) {
                    wanted = indexOfKey(keys, pos + 1, close - pos - 1);
                    pos = close + 1;
                    skipSpace();
                    if (pos < end && (s.charAt(pos) == '\'' || s.charAt(pos) == '"')) {
                        wanted = -1;  // an implicitly concatenated key: rare enough to skip unmatched
                        skipValue();
                    }
                } else {
                    String key = strings();
                    wanted = java.util.Arrays.asList(keys).indexOf(key);
                }
            } else {
                skipValue();
            }
            skipSpace();
            expect(':');
            if (wanted >= 0) {
                values[wanted] = value();
            } else {
                skipValue();
            }
            if (!commaOrClose('}')) {
                break;
            }
        }
        pos++;
    }

    private int indexOfKey(String[] keys, int from, int length) {
        for (int k = 0; k < keys.length; k++) {
            if (keys[k].length() == length && s.regionMatches(from, keys[k], 0, length)) {
                return k;
            }
        }
        return -1;
    }

    /** After an element: consumes a comma (true: more may follow) or stops before the closing bracket (false). */
    private boolean commaOrClose(char close) {
        skipSpace();
        char c = peek();
        if (c == ',') {
            pos++;
            skipSpace();
            return peek() != close;  // a trailing comma before the bracket is fine
        }
        if (c != close) {
            throw error("expected ',' or '" + close + "'");
        }
        return false;
    }

    /** One string literal, or several adjacent ones concatenated as Python does. */
    private String strings() {
        String first = string();
        skipSpace();
        if (pos >= end || (s.charAt(pos) != '\'' && s.charAt(pos) != '"')) {
            return first;
        }
        StringBuilder sb = new StringBuilder(first);
        while (pos < end && (s.charAt(pos) == '\'' || s.charAt(pos) == '"')) {
            sb.append(string());
            skipSpace();
        }
        return sb.toString();
    }

    private String string() {
        char q = s.charAt(pos);
        int close = plainStringEnd(q);
        if (close >= 0) {
            String v = s.substring(pos + 1, close);
            pos = close + 1;
            return v;
        }
        int start = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= end) {
                throw new SyntaxException("unterminated string", start);
            }
            char c = s.charAt(pos++);
            if (c == q) {
                return sb.toString();
            }
            if (c == '\n') {
                throw new SyntaxException("line break inside a string", pos - 1);
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= end) {
                throw new SyntaxException("unterminated string", start);
            }
            char e = s.charAt(pos++);
            switch (e) {
                case '\\', '\'', '"' -> sb.append(e);
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'v' -> sb.append('\u000B');
                case 'a' -> sb.append('\u0007');
                case '\n' -> { }  // line continuation
                case 'x' -> sb.append((char) hex(2));
                case 'u' -> sb.append((char) hex(4));
                case 'U' -> sb.appendCodePoint(codePoint(hex(8)));
                case '0', '1', '2', '3', '4', '5', '6', '7' -> sb.append((char) octal(e));
                default -> sb.append('\\').append(e);  // Python keeps unknown escapes verbatim
            }
        }
    }

    /**
     * Index of the closing quote when the string at {@code pos} has no backslash or line break before it, else
     * -1. {@link String#indexOf} is an intrinsic: it scans a long name or overview much faster than a char loop.
     */
    private int plainStringEnd(char q) {
        int close = s.indexOf(q, pos + 1);
        if (close < 0 || s.indexOf('\\', pos + 1, close) >= 0 || s.indexOf('\n', pos + 1, close) >= 0) {
            return -1;
        }
        return close;
    }

    private int hex(int digits) {
        if (pos + digits > end) {
            throw new SyntaxException("truncated \\x, \\u or \\U escape", pos - 2);
        }
        int v = 0;
        for (int i = 0; i < digits; i++) {
            int d = Character.digit(s.charAt(pos), 16);
            if (d < 0) {
                throw new SyntaxException("bad hex digit in escape", pos);
            }
            v = v * 16 + d;
            pos++;
        }
        return v;
    }

    private int codePoint(int v) {
        if (!Character.isValidCodePoint(v)) {
            throw new SyntaxException("escape \\U" + Integer.toHexString(v) + " is not a code point", pos - 10);
        }
        return v;
    }

    private int octal(char first) {
        int v = first - '0';
        for (int i = 0; i < 2 && pos < end && s.charAt(pos) >= '0' && s.charAt(pos) <= '7'; i++) {
            v = v * 8 + (s.charAt(pos++) - '0');
        }
        return v;
    }

    /** None, True, False or a number. */
    private Object word(char c) {
        if (startsWith("None")) {
            pos += 4;
            return null;
        }
        if (startsWith("True")) {
            pos += 4;
            return Boolean.TRUE;
        }
        if (startsWith("False")) {
            pos += 5;
            return Boolean.FALSE;
        }
        if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9')) {
            return number();
        }
        throw error("unexpected character '" + c + "'");
    }

    private Object number() {
        int start = pos;
        boolean real = false;
        if (s.charAt(pos) == '-' || s.charAt(pos) == '+') {
            pos++;
        }
        int digits = 0;
        while (pos < end) {
            char c = s.charAt(pos);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.') {
                real = true;
            } else if (c == 'e' || c == 'E') {
                real = true;
                if (pos + 1 < end && (s.charAt(pos + 1) == '-' || s.charAt(pos + 1) == '+')) {
                    pos++;
                }
            } else {
                break;
            }
            pos++;
        }
        if (digits == 0) {
            throw new SyntaxException("expected a number", start);
        }
        String text = s.substring(start, pos);
        try {
            if (!real) {
                try {
                    return Long.parseLong(text.charAt(0) == '+' ? text.substring(1) : text);
                } catch (NumberFormatException tooLong) {
                    return Double.parseDouble(text);  // Python ints are unbounded; keep the magnitude
                }
            }
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new SyntaxException("malformed number '" + text + "'", start);
        }
    }

    /** Skips one value without building it. */
    private void skipValue() {
        char c = peek();
        switch (c) {
            case '[', '(', '{' -> skipContainer();
            case '\'', '"' -> skipStrings();
            default -> skipScalar(c);
        }
    }

    private void skipScalar(char c) {
        if (startsWith("None") || startsWith("True")) {
            pos += 4;
        } else if (startsWith("False")) {
            pos += 5;
        } else if (c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9')) {
            int start = pos;
            int digits = 0;
            pos++;
            if (c >= '0' && c <= '9') {
                digits++;
            }
            while (pos < end) {
                char d = s.charAt(pos);
                if (d >= '0' && d <= '9') {
                    digits++;
                } else if (d != '.' && d != 'e' && d != 'E'
                        && !((d == '-' || d == '+') && (s.charAt(pos - 1) == 'e' || s.charAt(pos - 1) == 'E'))) {
                    break;
                }
                pos++;
            }
            if (digits == 0) {
                throw new SyntaxException("expected a number", start);
            }
        } else {
            throw error("unexpected character '" + c + "'");
        }
    }

    private void skipContainer() {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH);
        }
        char close = switch (s.charAt(pos)) {
            case '[' -> ']';
            case '(' -> ')';
            default -> '}';
        };
        pos++;
        skipSpace();
        while (peek() != close) {
            skipValue();
            if (close == '}') {
                skipSpace();
                expect(':');
                skipValue();
            }
            if (!commaOrClose(close)) {
                break;
            }
        }
        pos++;
        depth--;
    }

    /** Skips one or more adjacent strings: find each closing quote, then check it is not escaped. */
    private void skipStrings() {
        do {
            char q = s.charAt(pos);
            int start = pos;
            int close = s.indexOf(q, pos + 1);
            while (true) {
                if (close < 0) {
                    throw new SyntaxException("unterminated string", start);
                }
                int backslashes = 0;
                while (s.charAt(close - 1 - backslashes) == '\\') {
                    backslashes++;
                }
                if (backslashes % 2 == 0) {
                    break;
                }
                close = s.indexOf(q, close + 1);
            }
            int newline = s.indexOf('\n', start + 1, close);
            if (newline >= 0 && s.charAt(newline - 1) != '\\') {
                throw new SyntaxException("line break inside a string", newline);
            }
            pos = close + 1;
            skipSpace();
        } while (pos < end && (s.charAt(pos) == '\'' || s.charAt(pos) == '"'));
    }

    // ---- lexing helpers ----

    private void skipSpace() {
        while (pos < end) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    /** The character at {@code pos} after whitespace; throws at the end of the text. */
    private char peek() {
        skipSpace();
        if (pos >= end) {
            throw error("unexpected end of literal");
        }
        return s.charAt(pos);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
        skipSpace();
    }

    private void expectEnd() {
        skipSpace();
        if (pos < end) {
            throw error("unexpected '" + s.charAt(pos) + "' after the literal");
        }
    }

    private boolean startsWith(String word) {
        if (!s.startsWith(word, pos)) {
            return false;
        }
        int after = pos + word.length();
        return after >= end || !Character.isLetterOrDigit(s.charAt(after)) && s.charAt(after) != '_';
    }

    private SyntaxException error(String message) {
        return new SyntaxException(message, Math.min(pos, end));
    }
}
