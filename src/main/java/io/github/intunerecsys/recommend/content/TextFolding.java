package io.github.intunerecsys.recommend.content;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Lower-casing and accent folding shared by the text pipeline and title resolution: "Amélie" → "amelie",
 * "Straße" → "strasse", "Ørsted" → "orsted". Compatibility decomposition (NFKD) also turns "Alien³" into
 * "alien3" (not "alien", which would merge it with Alien) and ligatures and full-width letters into plain ones.
 * Letters that Unicode does not decompose (ø, æ, œ, ł, đ, þ, ß) are mapped by hand.
 */
final class TextFolding {

    private TextFolding() {
    }

    static String fold(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) {
            ascii = s.charAt(i) < 128;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        if (ascii) {
            return lower;
        }
        String decomposed = Normalizer.normalize(lower, Normalizer.Form.NFKD);
        StringBuilder sb = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            switch (c) {
                case 'ß' -> sb.append("ss");
                case 'æ' -> sb.append("ae");
                case 'œ' -> sb.append("oe");
                case 'ø' -> sb.append('o');
                case 'ł' -> sb.append('l');
                case 'đ' -> sb.append('d');
                case 'þ' -> sb.append("th");
                case 'ı' -> sb.append('i');
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
