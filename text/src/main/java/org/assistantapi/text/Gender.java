package org.assistantapi.text;

/** Grammatical gender of a noun after a number (German "ein Euro", "eine Stunde", "ein Gramm"). */
enum Gender {
    MASCULINE, FEMININE, NEUTER;

    static Gender of(String code) {
        return switch (code) {
            case "m" -> MASCULINE;
            case "f" -> FEMININE;
            case "n" -> NEUTER;
            default -> throw new IllegalArgumentException("gender must be m, f or n: " + code);
        };
    }
}
